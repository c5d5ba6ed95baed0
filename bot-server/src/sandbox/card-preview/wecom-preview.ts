import type { WeComButton, WeComButtonInteraction, WeComTemplateCard } from '@kelian/cards';
import { escapeHtml, safeHref } from './escape.js';

// Renders the WeCom template_card JSON itself (what message/send or update_template_card carried),
// not Kelian's neutral card, so the sandbox shows exactly what WeCom would show.

const text = (value: string | undefined) => escapeHtml(value ?? '').replace(/\n/g, '<br>');

function sourceHtml(card: WeComTemplateCard): string {
  const source = card.source;
  if (!source) return '';
  const icon = source.icon_url
    ? `<img class="wc-icon" src="${safeHref(source.icon_url)}" alt="">`
    : '<span class="wc-icon wc-icon--default">客</span>';
  return `<div class="wc-source">${icon}<span class="wc-source-desc wc-c${source.desc_color}">${text(source.desc)}</span></div>`;
}

function titleHtml(card: WeComTemplateCard): string {
  const title = card.main_title;
  if (!title) return '';
  const desc = title.desc ? `<div class="wc-title-desc">${text(title.desc)}</div>` : '';
  return `<div class="wc-title">${text(title.title)}</div>${desc}`;
}

function fieldsHtml(rows: { keyname: string; value: string }[] | undefined): string {
  if (!rows || rows.length === 0) return '';
  const items = rows.map(
    (row) => `<div class="wc-field"><dt>${text(row.keyname)}</dt><dd>${text(row.value)}</dd></div>`,
  );
  return `<dl class="wc-fields">${items.join('')}</dl>`;
}

function buttonHtml(button: WeComButton, disabled: boolean): string {
  const style = `wc-btn wc-btn--s${button.style}`;
  if (button.type === 1) {
    const href = safeHref(button.url);
    return `<a class="${style}" href="${href}" data-url="${href}">${text(button.text)}</a>`;
  }
  const attrs = disabled ? ' disabled' : '';
  return `<button type="button" class="${style}" data-action-key="${escapeHtml(button.key)}"${attrs}>${text(button.text)}</button>`;
}

function buttonsHtml(buttons: WeComButton[], replaceText: string | undefined): string {
  if (replaceText !== undefined) {
    return `<div class="wc-buttons"><button type="button" class="wc-btn wc-btn--replaced" disabled>${text(replaceText)}</button></div>`;
  }
  const layout = buttons.length > 3 ? 'wc-buttons--grid' : 'wc-buttons--row';
  return `<div class="wc-buttons ${layout}">${buttons.map((b) => buttonHtml(b, false)).join('')}</div>`;
}

/** button_selection: a drop-down whose choice is sent with the next button click. */
function selectionHtml(selection: WeComButtonInteraction['button_selection'], disabled: boolean): string {
  if (!selection) return '';
  const options = selection.option_list.map(
    (o) =>
      `<option value="${escapeHtml(o.id)}"${o.id === selection.selected_id ? ' selected' : ''}>${text(o.text)}</option>`,
  );
  return `<label class="wc-select"><span>${text(selection.title)}</span><select data-question-key="${escapeHtml(selection.question_key)}"${disabled ? ' disabled' : ''}>${options.join('')}</select></label>`;
}

function bodyHtml(card: WeComTemplateCard): string {
  switch (card.card_type) {
    case 'text_notice': {
      const emphasis = card.emphasis_content
        ? `<div class="wc-emphasis"><div class="wc-emphasis-title">${text(card.emphasis_content.title)}</div><div class="wc-emphasis-desc">${text(card.emphasis_content.desc)}</div></div>`
        : '';
      const jumps = (card.jump_list ?? []).map(
        (jump) =>
          `<a class="wc-jump" href="${safeHref(jump.url)}">${text(jump.title)}<span class="wc-arrow">›</span></a>`,
      );
      return [
        emphasis,
        card.sub_title_text ? `<div class="wc-subtitle">${text(card.sub_title_text)}</div>` : '',
        fieldsHtml(card.horizontal_content_list),
        jumps.length > 0 ? `<div class="wc-jumps">${jumps.join('')}</div>` : '',
      ].join('');
    }
    case 'button_interaction': {
      const quote = card.quote_area
        ? `<div class="wc-quote"><div class="wc-quote-title">${text(card.quote_area.title)}</div><div class="wc-quote-text">${text(card.quote_area.quote_text)}</div></div>`
        : '';
      return [
        quote,
        card.sub_title_text ? `<div class="wc-subtitle">${text(card.sub_title_text)}</div>` : '',
        fieldsHtml(card.horizontal_content_list),
        selectionHtml(card.button_selection, card.replace_text !== undefined),
        buttonsHtml(card.button_list, card.replace_text),
      ].join('');
    }
    case 'vote_interaction': {
      const disabled = card.checkbox.disable === true;
      const options = card.checkbox.option_list.map(
        (option) =>
          `<label class="wc-option${option.is_checked ? ' wc-option--checked' : ''}"><input type="radio" name="${escapeHtml(card.task_id)}" value="${escapeHtml(option.id)}"${option.is_checked ? ' checked' : ''}${disabled ? ' disabled' : ''}><span class="wc-radio"></span>${text(option.text)}</label>`,
      );
      const submit =
        card.replace_text !== undefined
          ? `<button type="button" class="wc-btn wc-btn--replaced" disabled>${text(card.replace_text)}</button>`
          : `<button type="button" class="wc-btn wc-btn--s1" data-action-key="${escapeHtml(card.submit_button.key)}" data-question-key="${escapeHtml(card.checkbox.question_key)}">${text(card.submit_button.text)}</button>`;
      return `<div class="wc-vote">${options.join('')}</div><div class="wc-buttons">${submit}</div>`;
    }
  }
}

/** A WeCom template card as the WeCom client draws it: white card, grey source line, blue buttons. */
export function renderWeComPreviewHtml(card: WeComTemplateCard): string {
  const attrs = [`data-card-type="${escapeHtml(card.card_type)}"`];
  if ('task_id' in card && card.task_id) attrs.push(`data-task-id="${escapeHtml(card.task_id)}"`);
  // card_action makes the whole card a link; the client draws no extra control for it.
  if ('card_action' in card && card.card_action) attrs.push(`data-url="${safeHref(card.card_action.url)}"`);
  return `<div class="wc-card" ${attrs.join(' ')}>${sourceHtml(card)}${titleHtml(card)}${bodyHtml(card)}</div>`;
}
