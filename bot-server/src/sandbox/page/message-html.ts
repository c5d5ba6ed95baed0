import type { WeComTemplateCard } from '@kelian/cards';
import { escapeHtml } from '../card-preview/escape.js';
import { renderDingTalkPreviewHtml, renderWeComPreviewHtml } from '../card-preview/index.js';
import type { SandboxState } from '../state/index.js';
import type { ChatMessage } from '../state/messages.js';
import { renderChatMarkdown } from './markdown.js';

/** A card as `viewer` sees it now, and a version that changes whenever their copy changes. */
export function cardForViewer(
  state: SandboxState,
  message: ChatMessage,
  viewer: string,
): { html: string; version: string } | undefined {
  if (message.cardId === undefined) return undefined;
  if (message.platform === 'wecom') {
    const view = state.wecom.cards.views(message.cardId)[viewer];
    if (!view) return undefined;
    const card = view.card as unknown as WeComTemplateCard;
    const disabled = view.disabled ? `<div class="card-spent">${escapeHtml(view.disabled)}</div>` : '';
    return {
      html: renderWeComPreviewHtml(card) + disabled,
      version: `${view.version}:${view.disabled ?? ''}`,
    };
  }
  const view = state.dingtalk.cards.views(message.cardId)[viewer];
  return view ? { html: renderDingTalkPreviewHtml(view.params), version: String(view.version) } : undefined;
}

/**
 * One chat bubble (or card) as the viewer's client shows it, its time on the clocks of the company
 * (`timeZone`: TZ_DISPLAY), as the phone in their hand would show it, not the server's UTC.
 */
export function messageHtml(
  state: SandboxState,
  message: ChatMessage,
  viewer: string,
  timeZone: string,
): string {
  const mine = message.direction === 'in' && message.from.id === viewer;
  const time = new Date(message.at).toLocaleTimeString('zh-CN', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const card = cardForViewer(state, message, viewer);
  const body = card
    ? `<div class="card-holder" data-card-seq="${message.seq}" data-version="${escapeHtml(card.version)}">${card.html}</div>`
    : `<div class="bubble">${contentHtml(message)}</div>`;
  const failed = deliveryProblem(message);
  return [
    `<div class="message${mine ? ' mine' : ''}" data-seq="${message.seq}">`,
    `<span class="avatar${message.direction === 'in' ? ' person' : ''}">${escapeHtml(message.from.name.slice(0, 1))}</span>`,
    `<div class="body"><div class="meta">${escapeHtml(message.from.name)} · ${time}</div>${body}`,
    failed ? `<div class="delivery-failed">${escapeHtml(failed)}</div>` : '',
    '</div></div>',
  ].join('');
}

function contentHtml(message: ChatMessage): string {
  const content = message.content as Record<string, unknown> | string | undefined;
  if (typeof content === 'string') return escapeHtml(content);
  const title = typeof content?.title === 'string' ? content.title : undefined;
  const markdown = typeof content?.text === 'string' ? content.text : undefined;
  if (message.type.toLowerCase().includes('markdown')) {
    const text = markdown ?? (typeof content?.content === 'string' ? content.content : '');
    return renderChatMarkdown(text);
  }
  if (typeof content?.content === 'string') return escapeHtml(content.content);
  if (markdown) return renderChatMarkdown(markdown);
  return escapeHtml(title ?? `[${message.type}]`);
}

/** What the platform saw of Kelian's answer to a message a person sent, when it went wrong. */
function deliveryProblem(message: ChatMessage): string | undefined {
  const delivery = message.delivery as
    | { ok?: boolean; delivered?: boolean; reason?: string; attempts?: { status?: number; error?: string }[] }
    | undefined;
  if (!delivery || (delivery.ok !== false && delivery.delivered !== false)) return undefined;
  const last = delivery.attempts?.at(-1);
  const why = delivery.reason ?? last?.error ?? (last?.status ? `HTTP ${last.status}` : undefined);
  return `平台未能把消息送达客联${why ? `：${why}` : ''}`;
}
