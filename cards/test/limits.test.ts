import {
  CardLimitError,
  cardIdFor,
  createCard,
  renderDingTalk,
  renderWeCom,
  SAMPLE_RENDER_OPTIONS,
} from '@kelian/cards';
import { describe, expect, test } from 'vitest';
import { callbackAction, card } from './helpers/cards.js';

function limitRule(build: () => unknown): string | undefined {
  try {
    build();
  } catch (error) {
    if (error instanceof CardLimitError) return error.rule;
    throw error;
  }
  return undefined;
}

describe('createCard refuses a card over the limits instead of dropping content', () => {
  test('six actions fit, seven throw', () => {
    const actions = (n: number) => Array.from({ length: n }, (_, i) => callbackAction(`L${i}`));
    expect(createCard(card({ actions: actions(6) })).actions).toHaveLength(6);
    expect(limitRule(() => createCard(card({ actions: actions(7) })))).toBe('actions.max');
  });

  test('six fields fit, seven throw', () => {
    const fields = (n: number) => Array.from({ length: n }, (_, i) => ({ label: `字段${i}`, value: '值' }));
    expect(createCard(card({ fields: fields(6) })).fields).toHaveLength(6);
    expect(limitRule(() => createCard(card({ fields: fields(7) })))).toBe('fields.max');
  });

  test('the card id follows the WeCom task_id rule', () => {
    expect(limitRule(() => createCard(card({ id: 'a'.repeat(128) })))).toBeUndefined();
    expect(limitRule(() => createCard(card({ id: 'a'.repeat(129) })))).toBe('id.format');
    expect(limitRule(() => createCard(card({ id: 'lead:1' })))).toBe('id.format');
    expect(limitRule(() => createCard(card({ id: '线索-1' })))).toBe('id.format');
    expect(limitRule(() => createCard(card({ id: '' })))).toBe('id.format');
  });

  test('cardIdFor makes any business id safe', () => {
    expect(cardIdFor('lead', 'L/10:24', 2)).toBe('lead-L_10_24-v2');
  });

  test('duplicate action keys throw: the callback could not tell the buttons apart', () => {
    const actions = [callbackAction('L1', '认领'), callbackAction('L1', '再认领')];
    expect(limitRule(() => createCard(card({ actions })))).toBe('action.key.duplicate');
  });

  test('an action key over 1024 bytes throws', () => {
    expect(
      limitRule(() => createCard(card({ actions: [callbackAction('x'.repeat(1000))] }))),
    ).toBeUndefined();
    expect(limitRule(() => createCard(card({ actions: [callbackAction('x'.repeat(1020))] })))).toBe(
      'action.key.bytes',
    );
  });

  test('an empty title and a link that is not a path throw', () => {
    expect(limitRule(() => createCard(card({ title: '  ' })))).toBe('title.empty');
    expect(limitRule(() => createCard(card({ link: { path: 'https://evil.example' } })))).toBe('link.path');
  });
});

describe('renderers enforce the platform limits', () => {
  const links = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      type: 'link' as const,
      label: `链接${i}`,
      style: 'default' as const,
      path: `/pages/p${i}`,
    }));

  test('a WeCom text notice takes at most 3 links (jump_list)', () => {
    expect(renderWeCom(createCard(card({ actions: links(3) })), SAMPLE_RENDER_OPTIONS).card_type).toBe(
      'text_notice',
    );
    expect(limitRule(() => renderWeCom(createCard(card({ actions: links(4) })), SAMPLE_RENDER_OPTIONS))).toBe(
      'jump_list',
    );
  });

  test('a DingTalk value over 1 KB throws', () => {
    const long = links(6).map((action) => ({ ...action, path: `/pages/${'p'.repeat(200)}` }));
    expect(limitRule(() => renderDingTalk(createCard(card({ actions: long })), SAMPLE_RENDER_OPTIONS))).toBe(
      'dingtalk.value.bytes',
    );
  });
});
