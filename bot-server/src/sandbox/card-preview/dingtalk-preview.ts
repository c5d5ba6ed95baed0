import type { DingTalkButton, DingTalkField } from '@kelian/cards';
import { escapeHtml, safeHref } from './escape.js';

// Renders the cardParamMap DingTalk received (all strings) the way Kelian's general template lays it
// out, so the sandbox shows what a DingTalk user would see.

const text = (value: string | undefined) => escapeHtml(value ?? '');

/** A list variable is JSON in a string; a malformed one shows as nothing rather than breaking the page. */
function parseList<T>(json: string | undefined): T[] {
  try {
    const value: unknown = JSON.parse(json ?? '[]');
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}

const COLORS = new Set(['blue', 'gray', 'red']);

function buttonHtml(button: DingTalkButton): string {
  const color = COLORS.has(button.color) ? button.color : 'gray';
  const cls = `dt-btn dt-btn--${color}${button.status === 'disabled' ? ' dt-btn--disabled' : ''}`;
  if (button.type === 'url') {
    const href = safeHref(button.url);
    return `<a class="${cls}" href="${href}" data-url="${href}">${text(button.text)}</a>`;
  }
  const confirm = button.confirm ? ` data-confirm="${escapeHtml(`确定要${button.text}吗？`)}"` : '';
  const disabled = button.status === 'disabled' ? ' disabled' : '';
  return `<button type="button" class="${cls}" data-action-key="${escapeHtml(button.action)}"${confirm}${disabled}>${text(button.text)}</button>`;
}

/** A DingTalk interactive card filled from Kelian's general template variables. */
export function renderDingTalkPreviewHtml(params: Record<string, string>): string {
  const fields = parseList<DingTalkField>(params.fields);
  const buttons = params.has_buttons === 'true' ? parseList<DingTalkButton>(params.buttons) : [];
  const color = /^#[0-9A-Fa-f]{6}$/.test(params.status_color ?? '') ? params.status_color : '#7E868E';
  const parts = [
    `<div class="dt-header"><span class="dt-icon">客</span><span class="dt-source">${text(params.source)}</span>`,
    params.badge
      ? `<span class="dt-tag" style="color:${color};border-color:${color}">${text(params.badge)}</span>`
      : '',
    '</div>',
    `<div class="dt-title">${text(params.title)}</div>`,
    params.subtitle ? `<div class="dt-subtitle">${text(params.subtitle)}</div>` : '',
    params.has_emphasis === 'true'
      ? `<div class="dt-emphasis"><div class="dt-emphasis-value">${text(params.emphasis_value)}</div><div class="dt-emphasis-label">${text(params.emphasis_label)}</div></div>`
      : '',
    fields.length > 0
      ? `<dl class="dt-fields">${fields.map((f) => `<div class="dt-field"><dt>${text(f.label)}</dt><dd>${text(f.value)}</dd></div>`).join('')}</dl>`
      : '',
    `<div class="dt-status" style="color:${color}">${text(params.status_text)}</div>`,
    params.has_input === 'true'
      ? `<input class="dt-input" name="reason" maxlength="200" placeholder="${escapeHtml(params.input_placeholder ?? '')}">`
      : '',
    buttons.length > 0 ? `<div class="dt-buttons">${buttons.map(buttonHtml).join('')}</div>` : '',
    params.footer ? `<div class="dt-footer">${text(params.footer)}</div>` : '',
  ];
  const link = params.link_url ? ` data-url="${safeHref(params.link_url)}"` : '';
  return `<div class="dt-card" data-kind="${text(params.kind)}"${link}>${parts.join('')}</div>`;
}
