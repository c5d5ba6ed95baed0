// The documented WeCom limits on what a message or card may contain (reference §4, §4.1, §5). WeCom
// truncates or silently drops much of what breaks them, so they are checked before sending and a
// breach throws WeComLimitError with nothing sent.
import { WeComLimitError } from './errors.js';

export const LIMITS = {
  /** message/send text and markdown content; appchat/send uses the same. */
  messageBytes: 2048,
  webhookTextBytes: 2048,
  webhookMarkdownBytes: 4096,
  touser: 1000,
  toparty: 100,
  totag: 100,
  taskIdBytes: 128,
  buttons: 6,
  buttonKeyBytes: 1024,
  actionMenuItems: 3,
  horizontalContents: 6,
  jumps: 3,
  verticalContents: 4,
  buttonSelectionOptions: 10,
  optionIdBytes: 128,
  checkboxOptions: 20,
  selectLists: 3,
  selectListOptions: 10,
  appchatNameChars: 50,
  appchatMinMembers: 2,
  appchatMaxMembers: 2000,
  appchatIdChars: 32,
  /** externalcontact/batch/get_by_user: userid_list and limit. */
  batchUsers: 100,
} as const;

const TASK_ID = /^[0-9A-Za-z_\-@]+$/;
const APPCHAT_ID = /^[0-9A-Za-z]+$/;
const CARD_TYPES = new Set([
  'text_notice',
  'news_notice',
  'button_interaction',
  'vote_interaction',
  'multiple_interaction',
]);
const INTERACTIVE = new Set(['button_interaction', 'vote_interaction', 'multiple_interaction']);
/** A group robot cannot receive callbacks, so it only takes the two notice cards (reference §5.2). */
const WEBHOOK_CARD_TYPES = new Set(['text_notice', 'news_notice']);

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function assertContent(what: string, content: string, maxBytes: number): void {
  if (content === '') throw new WeComLimitError(`${what} is empty`);
  if (bytes(content) > maxBytes) {
    throw new WeComLimitError(`${what} is ${bytes(content)} bytes; WeCom takes at most ${maxBytes}`);
  }
}

export interface Recipients {
  users?: readonly string[];
  parties?: readonly string[];
  tags?: readonly string[];
}

export function assertRecipients(to: Recipients): void {
  const users = to.users?.length ?? 0;
  const parties = to.parties?.length ?? 0;
  const tags = to.tags?.length ?? 0;
  if (users + parties + tags === 0) throw new WeComLimitError('a message needs at least one recipient');
  if (users > LIMITS.touser)
    throw new WeComLimitError(`touser lists ${users} members; at most ${LIMITS.touser}`);
  if (parties > LIMITS.toparty) {
    throw new WeComLimitError(`toparty lists ${parties} departments; at most ${LIMITS.toparty}`);
  }
  if (tags > LIMITS.totag) throw new WeComLimitError(`totag lists ${tags} tags; at most ${LIMITS.totag}`);
}

/** task_id: ≤128 bytes of [0-9A-Za-z_-@]. It must also be unique per app forever, which only the stored cards can tell. */
export function assertTaskId(taskId: unknown): asserts taskId is string {
  if (typeof taskId !== 'string' || taskId === '') throw new WeComLimitError('template_card needs a task_id');
  if (bytes(taskId) > LIMITS.taskIdBytes || !TASK_ID.test(taskId)) {
    throw new WeComLimitError(`task_id must be 1–${LIMITS.taskIdBytes} characters of [0-9A-Za-z_-@]`);
  }
}

/** The field rules of template_card (reference §4.1) that WeCom would otherwise answer with an errcode or ignore. */
export function assertTemplateCard(card: Record<string, unknown>, channel: 'app' | 'webhook' = 'app'): void {
  const type = card.card_type;
  if (typeof type !== 'string' || !CARD_TYPES.has(type))
    throw new WeComLimitError(`unknown card_type ${String(type)}`);
  if (channel === 'webhook' && !WEBHOOK_CARD_TYPES.has(type)) {
    throw new WeComLimitError(`a group robot cannot send ${type} cards, only text_notice and news_notice`);
  }
  if (INTERACTIVE.has(type) || card.action_menu !== undefined || card.task_id !== undefined) {
    assertTaskId(card.task_id);
  }
  if (card.action_menu !== undefined) {
    const actions = list(card.action_menu, 'action_list', 'action_menu.action_list');
    between(actions?.length ?? 0, 1, LIMITS.actionMenuItems, 'action_menu.action_list');
  }
  atMost(card, 'horizontal_content_list', LIMITS.horizontalContents);
  atMost(card, 'jump_list', LIMITS.jumps);
  atMost(card, 'vertical_content_list', LIMITS.verticalContents);

  switch (type) {
    case 'text_notice':
      if (card.main_title === undefined && card.sub_title_text === undefined) {
        throw new WeComLimitError('text_notice needs main_title or sub_title_text');
      }
      if (card.card_action === undefined) throw new WeComLimitError('text_notice needs card_action');
      break;
    case 'news_notice':
      if (card.card_image === undefined && card.image_text_area === undefined) {
        throw new WeComLimitError('news_notice needs card_image or image_text_area');
      }
      break;
    case 'button_interaction': {
      const buttons = list(card, 'button_list', 'button_list');
      between(buttons?.length ?? 0, 1, LIMITS.buttons, 'button_list');
      assertButtons(buttons ?? []);
      if (card.button_selection !== undefined) {
        assertOptions(card.button_selection, LIMITS.buttonSelectionOptions, 'button_selection.option_list');
      }
      break;
    }
    case 'vote_interaction':
      if (card.checkbox === undefined) throw new WeComLimitError('vote_interaction needs checkbox');
      assertOptions(card.checkbox, LIMITS.checkboxOptions, 'checkbox.option_list');
      assertSubmitButton(card);
      break;
    case 'multiple_interaction': {
      const selects = list(card, 'select_list', 'select_list');
      between(selects?.length ?? 0, 1, LIMITS.selectLists, 'select_list');
      for (const select of selects ?? [])
        assertOptions(select, LIMITS.selectListOptions, 'select_list[].option_list');
      assertSubmitButton(card);
      break;
    }
  }
}

export interface AppChatSpec {
  name: string;
  owner?: string;
  userIds: readonly string[];
  chatId?: string;
}

/** appchat/create (reference §5.1): 2–2000 members, name ≤50 characters, chatid ≤32 of [0-9a-zA-Z]. */
export function assertAppChat(spec: AppChatSpec): void {
  if ([...spec.name].length > LIMITS.appchatNameChars) {
    throw new WeComLimitError(`group name is longer than ${LIMITS.appchatNameChars} characters`);
  }
  between(new Set(spec.userIds).size, LIMITS.appchatMinMembers, LIMITS.appchatMaxMembers, 'appchat userlist');
  if (spec.owner !== undefined && !spec.userIds.includes(spec.owner)) {
    throw new WeComLimitError('the group owner must be one of its members');
  }
  if (
    spec.chatId !== undefined &&
    (spec.chatId.length > LIMITS.appchatIdChars || !APPCHAT_ID.test(spec.chatId))
  ) {
    throw new WeComLimitError(`chatid must be 1–${LIMITS.appchatIdChars} characters of [0-9a-zA-Z]`);
  }
}

function assertButtons(buttons: readonly unknown[]): void {
  const keys = new Set<string>();
  for (const button of buttons) {
    if (!isRecord(button) || typeof button.text !== 'string' || button.text === '') {
      throw new WeComLimitError('every button needs a text');
    }
    if (button.style !== undefined && ![1, 2, 3, 4].includes(button.style as number)) {
      throw new WeComLimitError('button style must be 1–4');
    }
    if (button.type === 1) {
      if (typeof button.url !== 'string' || button.url === '')
        throw new WeComLimitError('a link button needs a url');
      continue;
    }
    // type 0 (the default) is a callback button: its key comes back as EventKey.
    const key = button.key;
    if (typeof key !== 'string' || key === '' || bytes(key) > LIMITS.buttonKeyBytes) {
      throw new WeComLimitError(`a callback button needs a key of 1–${LIMITS.buttonKeyBytes} bytes`);
    }
    if (keys.has(key)) throw new WeComLimitError(`button key ${key} is used twice`);
    keys.add(key);
  }
}

function assertOptions(holder: unknown, max: number, what: string): void {
  const options = list(holder, 'option_list', what);
  between(options?.length ?? 0, 1, max, what);
  for (const option of options ?? []) {
    const id = isRecord(option) ? option.id : undefined;
    if (typeof id !== 'string' || id === '' || bytes(id) > LIMITS.optionIdBytes) {
      throw new WeComLimitError(`every ${what} entry needs an id of 1–${LIMITS.optionIdBytes} bytes`);
    }
  }
}

function assertSubmitButton(card: Record<string, unknown>): void {
  const submit = card.submit_button;
  if (!isRecord(submit) || typeof submit.key !== 'string' || submit.key === '') {
    throw new WeComLimitError(`${String(card.card_type)} needs submit_button with a key`);
  }
  if (bytes(submit.key) > LIMITS.buttonKeyBytes) {
    throw new WeComLimitError(`submit_button.key is longer than ${LIMITS.buttonKeyBytes} bytes`);
  }
}

function list(holder: unknown, field: string, what: string): unknown[] | undefined {
  const value = isRecord(holder) ? holder[field] : undefined;
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw new WeComLimitError(`${what} must be a list`);
  return value;
}

function atMost(card: Record<string, unknown>, field: string, max: number): void {
  between(list(card, field, field)?.length ?? 0, 0, max, field);
}

function between(count: number, min: number, max: number, what: string): void {
  if (count < min || count > max)
    throw new WeComLimitError(`${what} has ${count} entries; WeCom takes ${min}–${max}`);
}
