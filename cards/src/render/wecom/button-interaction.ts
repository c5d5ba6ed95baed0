import { truncate } from '../../format/truncate.js';
import type { Card, CardReasonPrompt } from '../../model/card.js';
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
    ...(card.reasonPrompt && { button_selection: reasonSelection(card.reasonPrompt) }),
    button_list: card.actions.map((action) => button(action, opts)),
  };
}

/** WeCom cards take no free text: the reason is one of the options, chosen before the click. */
function reasonSelection(prompt: CardReasonPrompt): NonNullable<WeComButtonInteraction['button_selection']> {
  assertCount('button_selection.option_list', prompt.options.length, WECOM_COUNT.selectionOptions);
  return {
    question_key: prompt.key,
    title: truncate(prompt.title, WECOM_TEXT.selectionTitle),
    option_list: prompt.options.map((o) => ({
      id: o.id,
      text: truncate(o.text, WECOM_TEXT.selectionOption),
    })),
    selected_id: prompt.options[0]!.id,
  };
}
