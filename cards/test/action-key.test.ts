import {
  buildConfirmationCard,
  type CallbackAction,
  cardSamples,
  encodeActionKey,
  parseActionKey,
  renderDingTalk,
  renderWeCom,
  SAMPLE_RENDER_OPTIONS,
} from '@kelian/cards';
import { describe, expect, test } from 'vitest';

const callbacks = cardSamples.flatMap((sample) =>
  sample.card.actions.filter((action): action is CallbackAction => action.type === 'callback'),
);

describe('action keys', () => {
  test('every key on every sample card survives encode → parse', () => {
    expect(callbacks.length).toBeGreaterThan(10);
    for (const action of callbacks) {
      expect(parseActionKey(encodeActionKey(action.key))).toEqual(action.key);
    }
  });

  test('args and the confirmed mark round-trip', () => {
    const key = { verb: 'task.postpone' as const, id: 'T-7', arg: '1d', confirmed: true };
    expect(encodeActionKey(key)).toBe('task.postpone!:T-7:1d');
    expect(parseActionKey('task.postpone!:T-7:1d')).toEqual(key);
    expect(parseActionKey('lead.claim:L1024')).toEqual({ verb: 'lead.claim', id: 'L1024' });
  });

  test('anything Kelian did not encode parses to undefined', () => {
    for (const raw of [
      '',
      'lead.claim',
      'lead.fly:L1',
      'lead.claim:',
      'lead.claim:L1:a:b',
      'key111',
      'lead.claim:中文',
    ]) {
      expect(parseActionKey(raw)).toBeUndefined();
    }
  });

  test('ids that would break the grammar are refused when encoding', () => {
    expect(() => encodeActionKey({ verb: 'lead.claim', id: 'L:1' })).toThrow(TypeError);
    expect(() => encodeActionKey({ verb: 'lead.claim', id: 'L1', arg: '' })).toThrow(TypeError);
  });
});

describe('confirmation', () => {
  const lead = cardSamples.find((sample) => sample.name === 'lead-new')!.card;
  const invalid = lead.actions.find(
    (action): action is CallbackAction => action.type === 'callback' && action.key.verb === 'lead.invalid',
  )!;

  test('WeCom sends the unconfirmed key; DingTalk confirms in its dialog and sends the confirmed key', () => {
    const wecom = renderWeCom(lead, SAMPLE_RENDER_OPTIONS);
    expect(JSON.stringify(wecom)).toContain('"lead.invalid:L1024"');
    const buttons = JSON.parse(renderDingTalk(lead, SAMPLE_RENDER_OPTIONS).cardData.cardParamMap.buttons);
    expect(buttons).toContainEqual(expect.objectContaining({ action: 'lead.invalid!:L1024', confirm: true }));
  });

  test('the WeCom confirmation card offers the confirmed key and a cancel that only refreshes', () => {
    const confirmation = buildConfirmationCard(lead, invalid);
    const keys = confirmation.actions.map((action) =>
      action.type === 'callback' ? encodeActionKey(action.key) : '',
    );
    expect(keys).toEqual(['lead.invalid!:L1024', 'card.refresh:lead-L1024-v1']);
    expect(confirmation.id).toBe(lead.id);
  });
});
