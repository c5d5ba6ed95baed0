import { truncate } from '../../format/truncate.js';
import type { Card } from '../../model/card.js';
import { WECOM_COUNT, WECOM_TEXT } from './limits.js';
import {
  assertCount,
  button,
  cardAction,
  horizontalContent,
  mainTitle,
  source,
  subTitle,
  type WeComRenderOptions,
} from './parts.js';
import type { WeComButtonInteraction } from './types.js';

/** A card that acts. Shared by message/send and update_template_card. */
export function buttonInteraction(card: Card, opts: WeComRenderOptions): WeComButtonInteraction {
  assertCount('button_list', card.actions.length, WECOM_COUNT.buttons);
  const fields = horizontalContent(card);
  return {
    card_type: 'button_interaction',
    source: source(card, opts),
    main_title: mainTitle(card),
    // button_interaction has no emphasis_content; the quote area is the one block that stands out.
    ...(card.emphasis && {
      quote_area: {
        type: 0,
        title: truncate(card.emphasis.label, WECOM_TEXT.quoteTitle),
        quote_text: truncate(card.emphasis.value, WECOM_TEXT.quoteText),
      },
    }),
    sub_title_text: subTitle(card),
    ...(fields.length > 0 && { horizontal_content_list: fields }),
    card_action: cardAction(card, opts),
    task_id: card.id,
    button_list: card.actions.map((action) => button(action, opts)),
  };
}
