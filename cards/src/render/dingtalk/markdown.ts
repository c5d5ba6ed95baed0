import type { Card } from '../../model/card.js';

// DingTalk Markdown documents no escape character, so user data cannot be escaped; instead the
// characters that would build a link or HTML (a customer named "[点我](http://…)") become their
// full-width forms, and line breaks are folded so no text starts a heading or quote of its own.
const FULL_WIDTH: Record<string, string> = { '[': '［', ']': '］', '<': '＜', '>': '＞', '#': '＃' };

function inert(text: string): string {
  return text.replace(/[[\]<>#]/g, (c) => FULL_WIDTH[c] ?? c).replace(/\s*\n\s*/g, ' ');
}

/**
 * The card as DingTalk Markdown (`sampleMarkdown`, custom robot `markdown`), for robots without
 * card permission. No buttons: see `renderDingTalkActionCard` for links.
 */
export function renderDingTalkMarkdown(card: Card): { title: string; text: string } {
  const lines = [`#### ${inert(card.title)}`];
  if (card.subtitle) lines.push(inert(card.subtitle));
  if (card.emphasis) lines.push(`**${inert(card.emphasis.value)}** ${inert(card.emphasis.label)}`);
  for (const field of card.fields) lines.push(`- ${inert(field.label)}：${inert(field.value)}`);
  if (card.poll?.answered !== undefined) {
    const answer = card.poll.options.find((option) => option.id === card.poll?.answered);
    if (answer) lines.push(`- 评价：${inert(answer.text)}`);
  }
  lines.push(`> 【${inert(card.status.badge)}】${inert(card.status.text)}`);
  if (card.footer) lines.push(`###### ${inert(card.footer)}`);
  // DingTalk Markdown needs a blank line to break a paragraph.
  return { title: card.title, text: lines.join('\n\n') };
}
