import { escapeHtml, safeHref } from '../card-preview/escape.js';

/**
 * The Markdown subset the chat clients render for bot messages (headings, bold, links, lists,
 * quotes), turned into safe HTML: the text is escaped first, so nothing a user typed becomes markup.
 */
export function renderChatMarkdown(markdown: string): string {
  const lines = escapeHtml(markdown).split('\n');
  const html: string[] = [];
  let list: string[] = [];
  const flush = () => {
    if (list.length) html.push(`<ul>${list.map((item) => `<li>${item}</li>`).join('')}</ul>`);
    list = [];
  };
  for (const line of lines) {
    const item = /^\s*[-*]\s+(.*)$/.exec(line);
    if (item) {
      list.push(inline(item[1]!));
      continue;
    }
    flush();
    const heading = /^(#{1,3})\s+(.*)$/.exec(line);
    const quote = /^&gt;\s?(.*)$/.exec(line);
    if (heading) html.push(`<h${heading[1]!.length}>${inline(heading[2]!)}</h${heading[1]!.length}>`);
    else if (quote) html.push(`<blockquote>${inline(quote[1]!)}</blockquote>`);
    else html.push(`${inline(line)}\n`);
  }
  flush();
  return html.join('').replace(/\n$/, '');
}

function inline(text: string): string {
  return text
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(
      /\[([^\]]+)\]\(([^)\s]+)\)/g,
      (_m, label: string, url: string) =>
        `<a href="${safeHref(url.replace(/&amp;/g, '&'))}" target="_blank" rel="noopener">${label}</a>`,
    );
}
