import {
  cardSamples,
  type KelianCardParamMap,
  renderDingTalk,
  renderWeCom,
  renderWeComUpdate,
  SAMPLE_RENDER_OPTIONS,
  type WeComTemplateCard,
} from '@kelian/cards';
import { describe, expect, test } from 'vitest';
import {
  renderCardGalleryHtml,
  renderDingTalkPreviewHtml,
  renderWeComPreviewHtml,
} from '../../src/sandbox/card-preview/index.js';

const sample = (name: string) => cardSamples.find((s) => s.name === name)!.card;
const escapedText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

describe('the gallery', () => {
  const html = renderCardGalleryHtml();

  test('is one standalone zh-CN page with inline CSS and the Chinese font stack', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('"PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif');
    expect(html).not.toMatch(/<link |<script|src="https?:/);
  });

  test('shows every sample in every state, once as WeCom and once as DingTalk', () => {
    for (const s of cardSamples) {
      expect(html).toContain(`id="${s.name}"`);
      expect(html).toContain(escapedText(s.label));
    }
    expect(html.match(/class="wc-card"/g)).toHaveLength(cardSamples.length);
    expect(html.match(/class="dt-card"/g)).toHaveLength(cardSamples.length);
  });

  test('shows later states as WeCom updates: greyed buttons with the status', () => {
    const claimed = renderWeComPreviewHtml(renderWeComUpdate(sample('lead-claimed'), SAMPLE_RENDER_OPTIONS));
    expect(claimed).toContain(
      '<button type="button" class="wc-btn wc-btn--replaced" disabled>已认领</button>',
    );
    expect(html).toContain(claimed);
  });
});

describe('WeCom preview', () => {
  test('carries the button keys, so a click in the sandbox can be routed', () => {
    const html = renderWeComPreviewHtml(renderWeCom(sample('lead-new'), SAMPLE_RENDER_OPTIONS));
    expect(html).toContain('data-task-id="lead-L1024-v1"');
    expect(html).toContain('data-action-key="lead.claim:L1024"');
    expect(html).toContain('class="wc-btn wc-btn--s1"');
    expect(html).toContain('138****1234');
  });

  test('escapes every text and neutralises script URLs', () => {
    const evil: WeComTemplateCard = {
      card_type: 'text_notice',
      source: { desc: '<b>来源</b>', desc_color: 0 },
      main_title: { title: '<script>alert(1)</script>', desc: '"引号" & \'单引号\'' },
      horizontal_content_list: [{ keyname: '<i>键</i>', value: '<img src=x onerror=alert(1)>' }],
      jump_list: [{ type: 1, title: '点我', url: 'javascript:alert(1)' }],
      card_action: { type: 1, url: 'https://ok.example/"><script>' },
    };
    const html = renderWeComPreviewHtml(evil);
    expect(html).not.toMatch(/<script|<img|<b>|<i>|javascript:/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;引号&quot; &amp; &#39;单引号&#39;');
    expect(html).toContain('href="#"');
  });
});

describe('DingTalk preview', () => {
  test('lays out the template variables, with confirm dialogs on the buttons that need them', () => {
    const params = renderDingTalk(sample('lead-new'), SAMPLE_RENDER_OPTIONS).cardData.cardParamMap;
    const html = renderDingTalkPreviewHtml({ ...params });
    expect(html).toContain('北京星河智能科技有限公司');
    expect(html).toContain('<dt>电话</dt><dd>138****1234</dd>');
    expect(html).toContain('class="dt-btn dt-btn--blue" data-action-key="lead.claim:L1024"');
    expect(html).toContain('data-action-key="lead.invalid!:L1024" data-confirm="确定要无效吗？"');
  });

  test('escapes every text, including JSON lists and colours', () => {
    const params: KelianCardParamMap = {
      ...renderDingTalk(sample('lead-new'), SAMPLE_RENDER_OPTIONS).cardData.cardParamMap,
      title: '<img src=x onerror=alert(1)>',
      fields: JSON.stringify([{ label: '<b>名</b>', value: '</dd><script>x</script>' }]),
      buttons: JSON.stringify([
        {
          id: 'b1',
          text: '<u>点</u>',
          color: 'blue" onclick="x',
          status: 'normal',
          type: 'url',
          url: 'javascript:x',
        },
      ]),
      status_color: 'red;background:url(x)',
    };
    const html = renderDingTalkPreviewHtml({ ...params });
    expect(html).not.toMatch(/<img|<script|<b>|<u>|javascript:|onclick="|url\(x\)/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('color:#7E868E');
  });

  test('a malformed list shows nothing instead of breaking the page', () => {
    const params = renderDingTalk(sample('lead-new'), SAMPLE_RENDER_OPTIONS).cardData.cardParamMap;
    const html = renderDingTalkPreviewHtml({ ...params, fields: '{not json', buttons: '"x"' });
    expect(html).not.toContain('dt-field');
    expect(html).not.toContain('dt-btn');
  });
});
