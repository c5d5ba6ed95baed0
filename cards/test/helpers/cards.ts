import type { Card, CardAction } from '@kelian/cards';

/** A minimal valid card to vary one property at a time. */
export function card(overrides: Partial<Card> = {}): Card {
  return {
    id: 'test-card-1',
    kind: 'lead',
    title: '测试卡片',
    fields: [],
    status: { text: '测试状态', tone: 'neutral', badge: '测试' },
    actions: [],
    ...overrides,
  };
}

export function callbackAction(id: string, label = '操作'): CardAction {
  return {
    type: 'callback',
    key: { verb: 'lead.claim', id },
    label,
    style: 'default',
    needsConfirmation: false,
  };
}
