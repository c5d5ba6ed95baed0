import { truncate } from '../../format/truncate.js';
import type { Card } from '../../model/card.js';
import { appUrl } from '../app-url.js';
import { buttonInteraction } from './button-interaction.js';
import { WECOM_COUNT, WECOM_TEXT } from './limits.js';
import {
  assertCount,
  cardAction,
  horizontalContent,
  mainTitle,
  source,
  subTitle,
  type WeComRenderOptions,
} from './parts.js';
import type { WeComTemplateCard, WeComTextNotice } from './types.js';
import { voteInteraction } from './vote-interaction.js';

/**
 * The `template_card` of `message/send`: a vote for an open poll, `button_interaction` when the
 * card has a callback button, otherwise a `text_notice` whose links become the jump list.
 */
export function renderWeCom(card: Card, opts: WeComRenderOptions): WeComTemplateCard {
  if (card.poll && card.poll.answered === undefined) return voteInteraction(card, card.poll, opts);
  if (card.actions.some((action) => action.type === 'callback')) return buttonInteraction(card, opts);
  return textNotice(card, opts);
}

function textNotice(card: Card, opts: WeComRenderOptions): WeComTextNotice {
  const links = card.actions.flatMap((action) => (action.type === 'link' ? [action] : []));
  assertCount('jump_list', links.length, WECOM_COUNT.jumpList);
  const fields = horizontalContent(card);
  // No task_id: it is only required with action_menu and must be unique forever, while an
  // informing card is sent again (never updated) at each state.
  return {
    card_type: 'text_notice',
    source: source(card, opts),
    main_title: mainTitle(card),
    ...(card.emphasis && {
      emphasis_content: {
        title: truncate(card.emphasis.value, WECOM_TEXT.emphasisTitle),
        desc: truncate(card.emphasis.label, WECOM_TEXT.emphasisDesc),
      },
    }),
    sub_title_text: subTitle(card),
    ...(fields.length > 0 && { horizontal_content_list: fields }),
    ...(links.length > 0 && {
      jump_list: links.map((action) => ({
        type: 1 as const,
        title: truncate(action.label, WECOM_TEXT.jumpTitle),
        url: appUrl(opts.appBaseUrl, action.path),
      })),
    }),
    card_action: cardAction(card, opts),
  };
}
