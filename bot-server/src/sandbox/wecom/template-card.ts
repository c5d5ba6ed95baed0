import { WeComError } from './errors.js';

// The template_card rules of doc 90236 (reference §4.1), checked the way WeCom refuses a card, and
// what a card offers to click. Cards are kept as the JSON Kelian sent: the page renders them.

export type TemplateCard = Record<string, unknown>;

const INTERACTIVE = new Set(['button_interaction', 'vote_interaction', 'multiple_interaction']);
const CARD_TYPES = new Set(['text_notice', 'news_notice', ...INTERACTIVE]);
/** A group robot webhook cannot receive events, so it only sends the two notice cards (§5.2). */
const WEBHOOK_CARD_TYPES = new Set(['text_notice', 'news_notice']);
const TASK_ID = /^[0-9A-Za-z_\-@]+$/;

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function invalid(field: string, why: string): never {
  throw new WeComError(40058, `template_card.${field} ${why}`);
}

function listOf(card: Record<string, unknown>, field: string, min: number, max: number): unknown[] {
  const value = card[field];
  if (value === undefined) {
    if (min > 0) invalid(field, 'is required');
    return [];
  }
  if (!Array.isArray(value)) invalid(field, 'must be an array');
  if (value.length < min || value.length > max) invalid(field, `must hold ${min} to ${max} items`);
  return value;
}

function objectOf(card: Record<string, unknown>, field: string, required: boolean): Record<string, unknown> {
  const value = card[field];
  if (value === undefined && !required) return {};
  if (!isObject(value)) invalid(field, 'is required');
  return value;
}

/** Checks a card of message/send, update_template_card or a webhook; throws WeComError. */
export function validateTemplateCard(value: unknown, channel: 'app' | 'webhook'): TemplateCard {
  if (!isObject(value)) throw new WeComError(40058, 'template_card is required');
  const card = value;
  const type = card.card_type;
  if (typeof type !== 'string' || !CARD_TYPES.has(type)) invalid('card_type', `"${String(type)}" is unknown`);
  if (channel === 'webhook' && !WEBHOOK_CARD_TYPES.has(type)) {
    invalid('card_type', `"${type}" cannot be sent by a group robot (text_notice and news_notice only)`);
  }

  const hasMenu = card.action_menu !== undefined;
  const taskId = card.task_id;
  if (taskId === undefined) {
    if (INTERACTIVE.has(type) || hasMenu)
      throw new WeComError(42014, 'task_id is required for interactive cards and action_menu');
  } else if (typeof taskId !== 'string' || bytes(taskId) > 128 || !TASK_ID.test(taskId)) {
    throw new WeComError(42014, 'task_id: at most 128 bytes of [0-9A-Za-z_-@]');
  }
  if (hasMenu) {
    for (const action of listOf(objectOf(card, 'action_menu', true), 'action_list', 1, 3)) {
      if (!isObject(action) || !text(action.text) || !text(action.key))
        invalid('action_menu.action_list', 'items need text and key');
    }
  }
  listOf(card, 'horizontal_content_list', 0, 6);
  listOf(card, 'jump_list', 0, 3);
  listOf(card, 'vertical_content_list', 0, 4);

  switch (type) {
    case 'text_notice': {
      const title = objectOf(card, 'main_title', false).title;
      if (!text(title) && !text(card.sub_title_text)) invalid('main_title', 'or sub_title_text is required');
      objectOf(card, 'card_action', true);
      break;
    }
    case 'news_notice':
      if (card.card_image === undefined && card.image_text_area === undefined)
        invalid('card_image', 'or image_text_area is required');
      break;
    case 'button_interaction':
      checkButtons(listOf(card, 'button_list', 1, 6));
      if (card.button_selection !== undefined)
        listOf(objectOf(card, 'button_selection', true), 'option_list', 1, 10);
      break;
    case 'vote_interaction':
      listOf(objectOf(card, 'checkbox', true), 'option_list', 1, 20);
      checkSubmit(card);
      break;
    case 'multiple_interaction':
      for (const select of listOf(card, 'select_list', 1, 3)) {
        if (!isObject(select)) invalid('select_list', 'items must be objects');
        listOf(select, 'option_list', 1, 10);
      }
      checkSubmit(card);
      break;
  }
  return card;
}

function checkButtons(buttons: unknown[]): void {
  const keys = new Set<string>();
  for (const button of buttons) {
    if (!isObject(button)) invalid('button_list', 'items must be objects');
    if (!text(button.text)) throw new WeComError(42020, 'button_list[].text');
    const style = button.style;
    if (style !== undefined && (typeof style !== 'number' || style < 1 || style > 4))
      invalid('button_list[].style', 'must be 1 to 4');
    if (button.type === 1) {
      if (!text(button.url)) invalid('button_list[].url', 'is required when type is 1');
      continue;
    }
    const key = button.key;
    if (key === undefined || key === '') throw new WeComError(42019, 'button_list[].key');
    if (typeof key !== 'string' || bytes(key) > 1024)
      throw new WeComError(42018, 'button_list[].key: at most 1024 bytes');
    if (keys.has(key)) throw new WeComError(42018, `button_list[].key "${key}" is not unique`);
    keys.add(key);
  }
}

function checkSubmit(card: Record<string, unknown>): void {
  const submit = objectOf(card, 'submit_button', true);
  if (!text(submit.text)) throw new WeComError(42020, 'submit_button.text');
  if (!text(submit.key)) throw new WeComError(42019, 'submit_button.key');
}

/** Only these cards get a response_code and can be updated (reference §3.1 b). */
export function isUpdatable(card: TemplateCard): boolean {
  return INTERACTIVE.has(String(card.card_type)) || card.action_menu !== undefined;
}

/** What clicking `key` on the card sends back: a button event, a menu event, or nothing. */
export function clickKind(card: TemplateCard, key: string): 'button' | 'menu' | undefined {
  const buttons = Array.isArray(card.button_list) ? card.button_list : [];
  if (buttons.some((b) => isObject(b) && b.type !== 1 && b.key === key)) return 'button';
  if (isObject(card.submit_button) && card.submit_button.key === key) return 'button';
  const menu =
    isObject(card.action_menu) && Array.isArray(card.action_menu.action_list)
      ? card.action_menu.action_list
      : [];
  if (menu.some((a) => isObject(a) && a.key === key)) return 'menu';
  return undefined;
}

export interface Selection {
  questionKey: string;
  optionIds: string[];
}

/** The choices a card's selectors hold before the person changes them (what a plain click submits). */
export function currentSelections(card: TemplateCard): Selection[] {
  const firstId = (options: unknown) =>
    Array.isArray(options) && isObject(options[0]) ? String(options[0].id) : undefined;
  const selections: Selection[] = [];
  const single = (selector: unknown) => {
    if (!isObject(selector) || typeof selector.question_key !== 'string') return;
    const id = text(selector.selected_id) ?? firstId(selector.option_list);
    selections.push({ questionKey: selector.question_key, optionIds: id === undefined ? [] : [id] });
  };
  single(card.button_selection);
  if (Array.isArray(card.select_list)) card.select_list.forEach(single);
  const box = card.checkbox;
  if (isObject(box) && typeof box.question_key === 'string' && Array.isArray(box.option_list)) {
    selections.push({
      questionKey: box.question_key,
      optionIds: box.option_list
        .filter((o) => isObject(o) && o.is_checked === true)
        .map((o) => String((o as { id: unknown }).id)),
    });
  }
  return selections;
}
