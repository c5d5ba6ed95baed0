import { encodeActionKey } from '../../actions/action-key.js';
import { truncate } from '../../format/truncate.js';
import type { ActionStyle, Card, CardAction } from '../../model/card.js';
import { CardLimitError } from '../../model/limit-error.js';
import { appUrl } from '../app-url.js';
import { sourceLine } from '../kind-label.js';
import type { RenderOptions } from '../options.js';
import { WECOM_COUNT, WECOM_TEXT } from './limits.js';
import type {
  WeComButton,
  WeComCardAction,
  WeComHorizontalContent,
  WeComMainTitle,
  WeComSource,
} from './types.js';

export interface WeComRenderOptions extends RenderOptions {
  /** Icon of the source line (72×72 recommended); omitted when not configured. */
  iconUrl?: string;
}

// Assumed from the doc's samples (style 1 for the main action, 2 for the others): WeCom does not
// name its four styles; 3 is used for destructive actions.
const STYLE: Record<ActionStyle, 1 | 2 | 3> = { primary: 1, default: 2, danger: 3 };

export function assertCount(rule: string, count: number, max: number): void {
  if (count > max)
    throw new CardLimitError(rule, `WeCom allows at most ${max} ${rule}, the card has ${count}`);
}

export function source(card: Card, opts: WeComRenderOptions): WeComSource {
  const desc = truncate(sourceLine(card.kind), WECOM_TEXT.sourceDesc);
  return opts.iconUrl ? { icon_url: opts.iconUrl, desc, desc_color: 0 } : { desc, desc_color: 0 };
}

export function mainTitle(card: Card): WeComMainTitle {
  const title = truncate(card.title, WECOM_TEXT.title);
  return card.subtitle ? { title, desc: truncate(card.subtitle, WECOM_TEXT.titleDesc) } : { title };
}

/** The status line, then the footer: WeCom has no footer, and sub_title_text is the free text area. */
export function subTitle(card: Card): string {
  const text = card.footer ? `${card.status.text}\n${card.footer}` : card.status.text;
  return truncate(text, WECOM_TEXT.subTitle);
}

export function horizontalContent(card: Card): WeComHorizontalContent[] {
  assertCount('horizontal_content_list', card.fields.length, WECOM_COUNT.horizontalContent);
  return card.fields.map((field) => ({
    keyname: truncate(field.label, WECOM_TEXT.keyname),
    value: truncate(field.value, WECOM_TEXT.value),
  }));
}

/** text_notice requires a card_action; a card without its own link opens the mini-app home. */
export function cardAction(card: Card, opts: RenderOptions): WeComCardAction {
  return { type: 1, url: appUrl(opts.appBaseUrl, card.link?.path) };
}

export function button(action: CardAction, opts: RenderOptions): WeComButton {
  const text = truncate(action.label, WECOM_TEXT.buttonText);
  const style = STYLE[action.style];
  // WeCom buttons cannot ask "are you sure?": a click on an action that needs confirmation comes
  // back unconfirmed and the server answers with buildConfirmationCard.
  return action.type === 'callback'
    ? { text, style, key: encodeActionKey(action.key) }
    : { type: 1, text, style, url: appUrl(opts.appBaseUrl, action.path) };
}
