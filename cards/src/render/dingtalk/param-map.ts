import { encodeActionKey } from '../../actions/action-key.js';
import { truncate } from '../../format/truncate.js';
import { utf8Length } from '../../format/utf8.js';
import type { ActionStyle, Card, CardAction, Tone } from '../../model/card.js';
import { CardLimitError } from '../../model/limit-error.js';
import { appUrl } from '../app-url.js';
import { KIND_LABEL, sourceLine } from '../kind-label.js';
import type { RenderOptions } from '../options.js';
import { DINGTALK_PARAM, DINGTALK_TEXT } from './limits.js';
import { dingTalkOpenLink } from './open-link.js';
import type { DingTalkButton, DingTalkField, KelianCardParamMap } from './types.js';

// DingTalk's own palette (the colours its standard card components use).
const TONE_COLOR: Record<Tone, string> = {
  neutral: '#7E868E',
  success: '#00B853',
  warning: '#FF9200',
  danger: '#FF5219',
};

const BUTTON_COLOR: Record<ActionStyle, DingTalkButton['color']> = {
  primary: 'blue',
  default: 'gray',
  danger: 'red',
};

function button(action: CardAction, index: number, opts: RenderOptions): DingTalkButton {
  const common = {
    id: `b${index + 1}`,
    text: truncate(action.label, DINGTALK_TEXT.buttonText),
    color: BUTTON_COLOR[action.style],
    status: 'normal' as const,
  };
  if (action.type === 'link') {
    return { ...common, type: 'url', url: dingTalkOpenLink(appUrl(opts.appBaseUrl, action.path)) };
  }
  // DingTalk confirms in its own dialog before the request is sent, so the key is sent as confirmed.
  const key = action.needsConfirmation ? { ...action.key, confirmed: true } : action.key;
  return { ...common, type: 'request', action: encodeActionKey(key), confirm: action.needsConfirmation };
}

/** DingTalk has no vote component in the general template: one button per option, greyed once answered. */
function pollButtons(card: Card): DingTalkButton[] {
  const poll = card.poll;
  if (!poll) return [];
  return poll.options.map((option, index) => {
    const answered = poll.answered !== undefined;
    return {
      id: `b${index + 1}`,
      text: truncate(option.text, DINGTALK_TEXT.buttonText),
      color: option.id === poll.answered ? 'blue' : 'gray',
      status: answered ? 'disabled' : 'normal',
      type: 'request',
      action: encodeActionKey({ ...poll.key, arg: option.id }),
      confirm: false,
    };
  });
}

/** The template variables for a card; throws when a value would exceed DingTalk's 1 KB. */
export function cardParamMap(card: Card, opts: RenderOptions): KelianCardParamMap {
  const fields: DingTalkField[] = card.fields.map((field) => ({
    label: truncate(field.label, DINGTALK_TEXT.fieldLabel),
    value: truncate(field.value, DINGTALK_TEXT.fieldValue),
  }));
  const buttons = card.poll ? pollButtons(card) : card.actions.map((action, i) => button(action, i, opts));
  const map: KelianCardParamMap = {
    kind: card.kind,
    last_message: truncate(`[${KIND_LABEL[card.kind]}] ${card.title}`, DINGTALK_TEXT.title),
    source: sourceLine(card.kind),
    title: truncate(card.title, DINGTALK_TEXT.title),
    subtitle: truncate(card.subtitle ?? '', DINGTALK_TEXT.subtitle),
    badge: truncate(card.status.badge, DINGTALK_TEXT.badge),
    status_color: TONE_COLOR[card.status.tone],
    status_text: truncate(card.status.text, DINGTALK_TEXT.status),
    has_emphasis: card.emphasis ? 'true' : 'false',
    emphasis_value: truncate(card.emphasis?.value ?? '', DINGTALK_TEXT.emphasisValue),
    emphasis_label: truncate(card.emphasis?.label ?? '', DINGTALK_TEXT.emphasisLabel),
    fields: JSON.stringify(fields),
    has_buttons: buttons.length > 0 ? 'true' : 'false',
    buttons: JSON.stringify(buttons),
    link_url: dingTalkOpenLink(appUrl(opts.appBaseUrl, card.link?.path)),
    footer: truncate(card.footer ?? '', DINGTALK_TEXT.footer),
    // DingTalk cards take free text: the reason is typed, not chosen from the options.
    has_input: card.reasonPrompt ? 'true' : 'false',
    input_placeholder: truncate(card.reasonPrompt?.placeholder ?? '', DINGTALK_TEXT.inputPlaceholder),
  };
  for (const [key, value] of Object.entries(map)) {
    if (utf8Length(value) > DINGTALK_PARAM.valueBytes) {
      throw new CardLimitError(
        'dingtalk.value.bytes',
        `card ${card.id}: cardParamMap.${key} is ${utf8Length(value)} bytes, DingTalk allows ${DINGTALK_PARAM.valueBytes}`,
      );
    }
  }
  return map;
}
