const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text and attribute values from card JSON are data: escape every one before it reaches the page. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** An href the preview may link to; anything else (javascript:, data:) becomes inert. */
export function safeHref(url: string | undefined): string {
  return url !== undefined && /^(https?|dingtalk):\/\//.test(url) ? escapeHtml(url) : '#';
}
