import type { CallbackAction, Card } from '../model/card.js';
import { createCard } from '../model/create-card.js';
import { callback } from './parts.js';

/**
 * WeCom buttons have no "are you sure?" dialog. When an unconfirmed click arrives for an action
 * that needs confirmation, the server shows this variant to the clicker: the same card with a
 * confirm button (the key marked confirmed) and a cancel that only refreshes the card.
 */
export function buildConfirmationCard(card: Card, action: CallbackAction): Card {
  const confirm: CallbackAction = {
    type: 'callback',
    key: { ...action.key, confirmed: true },
    label: `确认${action.label}`,
    style: 'danger',
    needsConfirmation: false,
  };
  const { poll: _poll, ...rest } = card;
  return createCard({
    ...rest,
    status: { text: `确认要「${action.label}」吗？此操作会通知相关同事`, tone: 'warning', badge: '待确认' },
    actions: [confirm, callback('取消', 'default', 'card.refresh', card.id)],
  });
}
