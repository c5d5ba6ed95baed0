import { encodeActionKey } from '../../actions/action-key.js';
import { truncate } from '../../format/truncate.js';
import type { Card, CardPoll } from '../../model/card.js';
import { WECOM_COUNT, WECOM_TEXT } from './limits.js';
import { assertCount, mainTitle, source, type WeComRenderOptions } from './parts.js';
import type { WeComVoteInteraction } from './types.js';

/**
 * The survey as a single-choice vote. The submit key is the poll's action without an arg; the
 * chosen option id comes back in SelectedItems and becomes the arg.
 */
export function voteInteraction(card: Card, poll: CardPoll, opts: WeComRenderOptions): WeComVoteInteraction {
  assertCount('checkbox options', poll.options.length, WECOM_COUNT.checkboxOptions);
  const key = encodeActionKey(poll.key);
  return {
    card_type: 'vote_interaction',
    source: source(card, opts),
    main_title: mainTitle(card),
    task_id: card.id,
    checkbox: {
      question_key: key,
      mode: 0,
      option_list: poll.options.map((option) => ({
        id: option.id,
        text: truncate(option.text, WECOM_TEXT.optionText),
        is_checked: option.id === poll.answered,
      })),
    },
    submit_button: { text: truncate('提交', WECOM_TEXT.submitText), key },
  };
}
