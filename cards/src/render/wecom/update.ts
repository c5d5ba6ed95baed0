import { encodeActionKey } from '../../actions/action-key.js';
import { truncate } from '../../format/truncate.js';
import type { Card } from '../../model/card.js';
import { buttonInteraction } from './button-interaction.js';
import { WECOM_TEXT } from './limits.js';
import type { WeComRenderOptions } from './parts.js';
import type { WeComButtonInteraction, WeComVoteInteraction } from './types.js';
import { voteInteraction } from './vote-interaction.js';

/**
 * The `template_card` of `update_template_card` for a card first sent as interactive (WeCom only
 * updates button/vote cards, or notices with an action menu, which Kelian does not send). It
 * keeps the card type and task_id; when the new state leaves nothing to click, every button
 * turns into one grey button showing the status badge (`replace_text`).
 */
export function renderWeComUpdate(
  card: Card,
  opts: WeComRenderOptions,
): WeComButtonInteraction | WeComVoteInteraction {
  const replaceText = truncate(card.status.badge, WECOM_TEXT.replaceText);
  if (card.poll) {
    const vote = voteInteraction(card, card.poll, opts);
    if (card.poll.answered === undefined) return vote;
    return { ...vote, checkbox: { ...vote.checkbox, disable: true }, replace_text: replaceText };
  }
  if (card.actions.some((action) => action.type === 'callback')) return buttonInteraction(card, opts);
  // button_list is required on a button card; this one is hidden behind replace_text and would
  // only answer with the current state.
  const refresh = encodeActionKey({ verb: 'card.refresh', id: card.id });
  return {
    ...buttonInteraction({ ...card, actions: [] }, opts),
    button_list: [{ text: replaceText, style: 2, key: refresh }],
    replace_text: replaceText,
  };
}
