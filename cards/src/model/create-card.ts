import { actionKeyByteLength, encodeActionKey } from '../actions/action-key.js';
import type { Card } from './card.js';
import { assertCardId } from './card-id.js';
import { CardLimitError } from './limit-error.js';

/** The limits every platform shares (WeCom is the tighter one for each). */
export const CARD_LIMITS = {
  /** WeCom `button_list` ≤ 6. */
  actions: 6,
  /** WeCom `horizontal_content_list` ≤ 6. */
  fields: 6,
  /** WeCom button `key` ≤ 1024 bytes. */
  actionKeyBytes: 1024,
  /** DingTalk gets one button per option and the model allows 6 buttons. */
  pollOptions: 6,
} as const;

/** Validates a card against the shared limits and returns it; throws `CardLimitError` instead of dropping. */
export function createCard(card: Card): Card {
  assertCardId(card.id);
  if (card.title.trim() === '') throw new CardLimitError('title.empty', `card ${card.id} has no title`);
  if (card.actions.length > CARD_LIMITS.actions) {
    throw new CardLimitError(
      'actions.max',
      `card ${card.id} has ${card.actions.length} actions, at most ${CARD_LIMITS.actions} fit`,
    );
  }
  if (card.fields.length > CARD_LIMITS.fields) {
    throw new CardLimitError(
      'fields.max',
      `card ${card.id} has ${card.fields.length} fields, at most ${CARD_LIMITS.fields} fit`,
    );
  }
  const keys = new Set<string>();
  for (const action of card.actions) {
    if (action.type === 'link') {
      assertPath(card.id, action.path);
      continue;
    }
    const encoded = encodeActionKey(action.key);
    if (actionKeyByteLength(action.key) > CARD_LIMITS.actionKeyBytes) {
      throw new CardLimitError('action.key.bytes', `action key of card ${card.id} exceeds 1024 bytes`);
    }
    // WeCom: "不可重复"; a duplicate would make two buttons indistinguishable in the callback.
    if (keys.has(encoded))
      throw new CardLimitError('action.key.duplicate', `duplicate action key ${encoded}`);
    keys.add(encoded);
  }
  if (card.poll) {
    if (card.poll.options.length === 0 || card.poll.options.length > CARD_LIMITS.pollOptions) {
      throw new CardLimitError('poll.options', `a poll needs 1–${CARD_LIMITS.pollOptions} options`);
    }
    if (card.actions.length > 0) {
      throw new CardLimitError('poll.actions', 'a poll card carries its options, not other actions');
    }
  }
  if (card.link) assertPath(card.id, card.link.path);
  return card;
}

function assertPath(cardId: string, path: string): void {
  if (!path.startsWith('/')) {
    throw new CardLimitError('link.path', `link "${path}" of card ${cardId} must be a path starting with /`);
  }
}
