import { createCard, renderDingTalk, renderWeCom, SAMPLE_RENDER_OPTIONS, truncate } from '@kelian/cards';
import { describe, expect, test } from 'vitest';
import { charLength } from '../src/format/truncate.js';
import { callbackAction, card } from './helpers/cards.js';

describe('truncate', () => {
  test('keeps short text and cuts long text by characters, ending in an ellipsis', () => {
    expect(truncate('华为技术', 5)).toBe('华为技术');
    expect(truncate('华为技术有限公司', 5)).toBe('华为技术…');
    expect(charLength(truncate('华为技术有限公司', 5))).toBe(5);
  });

  test('never splits a surrogate pair', () => {
    const text = '客户😀😀😀';
    const cut = truncate(text, 4);
    expect(cut).toBe('客户😀…');
    expect(() => encodeURIComponent(cut)).not.toThrow(); // throws on a lone surrogate
  });

  test('never splits a combined emoji', () => {
    const family = '👨‍👩‍👧';
    const cut = truncate(`好${family}好好好`, 5);
    expect(cut).toBe('好…');
    expect(() => encodeURIComponent(cut)).not.toThrow(); // throws on a lone surrogate
  });
});

describe('renderers cut text to the documented lengths', () => {
  const long = createCard(
    card({
      title: '北'.repeat(50),
      subtitle: '副'.repeat(50),
      fields: [{ label: '联系人电话号码', value: `${'值'.repeat(40)}😀` }],
      actions: [callbackAction('L1', '非常非常非常非常长的按钮')],
    }),
  );

  test('WeCom', () => {
    const wecom = renderWeCom(long, SAMPLE_RENDER_OPTIONS);
    if (wecom.card_type !== 'button_interaction') throw new Error(`unexpected ${wecom.card_type}`);
    expect(wecom.main_title.title).toBe(`${'北'.repeat(35)}…`);
    expect(charLength(wecom.main_title.desc ?? '')).toBe(44);
    expect(wecom.horizontal_content_list?.[0]).toEqual({
      keyname: '联系人电…',
      value: `${'值'.repeat(29)}…`,
    });
    expect(wecom.button_list[0]?.text).toBe('非常非常非常非常长…');
  });

  test('DingTalk', () => {
    const params = renderDingTalk(long, SAMPLE_RENDER_OPTIONS).cardData.cardParamMap;
    expect(params.title).toBe(`${'北'.repeat(39)}…`);
    expect(JSON.parse(params.fields)[0].value).toBe(`${'值'.repeat(39)}…`);
  });
});
