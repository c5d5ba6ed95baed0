import { readdirSync } from 'node:fs';
import {
  cardSamples,
  renderDingTalk,
  renderDingTalkActionCard,
  renderDingTalkUpdate,
  renderWeCom,
  renderWeComUpdate,
  SAMPLE_RENDER_OPTIONS,
} from '@kelian/cards';
import { describe, expect, test } from 'vitest';
import { expectGolden, GOLDEN_DIR, updatingGolden } from './helpers/golden.js';
import { schemaErrors } from './helpers/schemas.js';

const opts = SAMPLE_RENDER_OPTIONS;

// What the platform client adds around the card part, so the whole request can be validated.
const groupDelivery = {
  openSpaceId: 'dtv1.card//IM_GROUP.cidSampleConversation==',
  imGroupOpenSpaceModel: { supportForward: true },
  imGroupOpenDeliverModel: { robotCode: 'dingSampleRobot', recipients: ['zhangsan'] },
  callbackType: 'STREAM',
  userIdType: 1,
};

describe.each(cardSamples.map((sample) => [sample.name, sample] as const))('%s', (name, sample) => {
  test('WeCom template_card validates and matches the golden file', () => {
    const send = renderWeCom(sample.card, opts);
    expect(schemaErrors('wecom-template-card', send)).toEqual([]);
    const update = sample.delivery === 'update' ? renderWeComUpdate(sample.card, opts) : undefined;
    if (update) expect(schemaErrors('wecom-update-template-card', update)).toEqual([]);
    expectGolden(`${name}.wecom.golden.json`, { send, ...(update && { update }) });
  });

  test('DingTalk card data validates and matches the golden file', () => {
    const card = renderDingTalk(sample.card, opts);
    expect(schemaErrors('dingtalk-create-and-deliver', { ...card, ...groupDelivery })).toEqual([]);
    const params = card.cardData.cardParamMap;
    expect(schemaErrors('dingtalk-card-param-map', params)).toEqual([]);
    expect(schemaErrors('dingtalk-card-param-map', JSON.parse(params.fields), '#/$defs/fields')).toEqual([]);
    expect(schemaErrors('dingtalk-card-param-map', JSON.parse(params.buttons), '#/$defs/buttons')).toEqual(
      [],
    );
    expect(schemaErrors('dingtalk-update-card', renderDingTalkUpdate(sample.card, opts))).toEqual([]);
    const fallback = renderDingTalkActionCard(sample.card, opts);
    expect(schemaErrors('dingtalk-action-card', fallback)).toEqual([]);
    expectGolden(`${name}.dingtalk.golden.json`, { createAndDeliver: card, actionCard: fallback });
  });
});

test('sample names are unique and every golden file belongs to a sample', () => {
  const names = cardSamples.map((sample) => sample.name);
  expect(new Set(names).size).toBe(names.length);
  if (updatingGolden()) return;
  const expected = names.flatMap((name) => [`${name}.wecom.golden.json`, `${name}.dingtalk.golden.json`]);
  expect(readdirSync(GOLDEN_DIR).sort()).toEqual(expected.sort());
});

test('the schemas reject what WeCom would reject', () => {
  const valid = renderWeCom(cardSamples[0]!.card, opts);
  expect(schemaErrors('wecom-template-card', valid)).toEqual([]);
  const sevenButtons = {
    ...valid,
    button_list: Array.from({ length: 7 }, (_, i) => ({ text: `按钮${i}`, style: 1, key: `k${i}` })),
  };
  expect(schemaErrors('wecom-template-card', sevenButtons)).not.toEqual([]);
  expect(schemaErrors('wecom-template-card', { ...valid, task_id: 'lead:1' })).not.toEqual([]);
  expect(schemaErrors('wecom-template-card', { ...valid, replace_text: '已处理' })).not.toEqual([]);
  expect(schemaErrors('wecom-update-template-card', { ...valid, replace_text: '已处理' })).toEqual([]);
  expect(
    schemaErrors('dingtalk-card-param-map', {
      ...renderDingTalk(cardSamples[0]!.card, opts).cardData.cardParamMap,
      has_buttons: true,
    }),
  ).not.toEqual([]);
});
