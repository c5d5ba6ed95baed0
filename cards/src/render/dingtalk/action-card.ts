import type { Card } from '../../model/card.js';
import { appUrl } from '../app-url.js';
import type { RenderOptions } from '../options.js';
import { renderDingTalkMarkdown } from './markdown.js';
import { dingTalkOpenLink } from './open-link.js';

/** Custom-robot / sessionWebhook `actionCard` message (reference §3.3, §5.5). */
export interface DingTalkActionCardMessage {
  msgtype: 'actionCard';
  actionCard: {
    title: string;
    text: string;
    /** "0" buttons stacked, "1" side by side. */
    btnOrientation: '0' | '1';
    btns: { title: string; actionURL: string }[];
  };
}

/**
 * The fallback for robots that may not send interactive cards: Markdown plus link buttons. A
 * link cannot call back, so the card's callback actions become one "在客联中处理" link to the page
 * where the same action can be taken.
 */
export function renderDingTalkActionCard(card: Card, opts: RenderOptions): DingTalkActionCardMessage {
  const markdown = renderDingTalkMarkdown(card);
  const open = (path?: string) => dingTalkOpenLink(appUrl(opts.appBaseUrl, path));
  const btns = card.actions.flatMap((action) =>
    action.type === 'link' ? [{ title: action.label, actionURL: open(action.path) }] : [],
  );
  if (card.actions.some((action) => action.type === 'callback')) {
    btns.unshift({ title: '在客联中处理', actionURL: open(card.link?.path) });
  }
  if (btns.length === 0) btns.push({ title: '查看详情', actionURL: open(card.link?.path) });
  return {
    msgtype: 'actionCard',
    actionCard: { ...markdown, btnOrientation: btns.length <= 2 ? '1' : '0', btns },
  };
}
