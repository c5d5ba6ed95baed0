import {
  type CardKind,
  type CardSample,
  cardSamples,
  KIND_LABEL,
  renderDingTalk,
  renderWeCom,
  renderWeComUpdate,
  SAMPLE_RENDER_OPTIONS,
} from '@kelian/cards';
import { renderDingTalkPreviewHtml } from './dingtalk-preview.js';
import { escapeHtml } from './escape.js';
import { CARD_PREVIEW_CSS } from './styles.js';
import { renderWeComPreviewHtml } from './wecom-preview.js';

const PAGE_CSS = `
body { margin: 0; background: #f7f8fa; color: #1d2129; font-family: "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; }
header { padding: 24px 24px 8px; }
h1 { font-size: 22px; margin: 0 0 4px; }
header p { color: #86909c; margin: 0; font-size: 14px; }
section { padding: 8px 24px 16px; }
h2 { font-size: 17px; margin: 16px 0 12px; }
.samples { display: grid; grid-template-columns: repeat(auto-fill, minmax(650px, 1fr)); gap: 16px; }
.sample { background: #fff; border-radius: 8px; border: 1px solid #e5e6eb; padding: 12px; }
.sample-label { font-size: 14px; font-weight: 600; margin-bottom: 10px; display: flex; gap: 8px; align-items: center; }
.sample-delivery { font-size: 12px; font-weight: normal; color: #86909c; background: #f2f3f5; border-radius: 4px; padding: 0 6px; }
.clients { display: grid; grid-template-columns: 1fr 1fr; gap: 10px; }
.client { border-radius: 6px; padding: 10px 8px; display: flex; flex-direction: column; align-items: center; gap: 8px; }
.client-name { align-self: flex-start; font-size: 12px; color: #86909c; }
.client--wecom { background: #ededed; }
.client--dingtalk { background: #f2f3f5; }
`;

function sampleHtml(sample: CardSample): string {
  const wecom =
    sample.delivery === 'update'
      ? renderWeComUpdate(sample.card, SAMPLE_RENDER_OPTIONS)
      : renderWeCom(sample.card, SAMPLE_RENDER_OPTIONS);
  const dingtalk = renderDingTalk(sample.card, SAMPLE_RENDER_OPTIONS).cardData.cardParamMap;
  const delivery = sample.delivery === 'update' ? '更新后的卡片' : '新发送的卡片';
  return `<article class="sample" id="${escapeHtml(sample.name)}">
<div class="sample-label">${escapeHtml(sample.label)}<span class="sample-delivery">${delivery}</span></div>
<div class="clients">
<div class="client client--wecom"><span class="client-name">企业微信 · ${escapeHtml(wecom.card_type)}</span>${renderWeComPreviewHtml(wecom)}</div>
<div class="client client--dingtalk"><span class="client-name">钉钉 · 互动卡片</span>${renderDingTalkPreviewHtml({ ...dingtalk })}</div>
</div>
</article>`;
}

/** Samples grouped by card kind, in catalogue order. */
function groups(samples: readonly CardSample[]): Map<CardKind, CardSample[]> {
  const out = new Map<CardKind, CardSample[]>();
  for (const sample of samples) out.set(sample.card.kind, [...(out.get(sample.card.kind) ?? []), sample]);
  return out;
}

/** `/sandbox/cards`: every card in every state, side by side as WeCom and DingTalk show them. */
export function renderCardGalleryHtml(): string {
  const sections = [...groups(cardSamples)].map(
    ([kind, samples]) =>
      `<section><h2>${escapeHtml(KIND_LABEL[kind])}</h2><div class="samples">${samples.map(sampleHtml).join('\n')}</div></section>`,
  );
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>客联 · 卡片图库</title>
<style>${PAGE_CSS}${CARD_PREVIEW_CSS}</style>
</head>
<body>
<header><h1>客联卡片图库</h1><p>每张卡片的每个状态：左侧为企业微信模板卡片，右侧为钉钉互动卡片（示例数据，共 ${cardSamples.length} 个状态）。</p></header>
${sections.join('\n')}
</body>
</html>
`;
}
