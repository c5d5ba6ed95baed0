const graphemes = new Intl.Segmenter('zh-CN', { granularity: 'grapheme' });

/** Characters as the platforms count them: Unicode code points (a CJK ideograph or an emoji is one). */
export function charLength(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/**
 * Shortens `text` to at most `max` characters, ending in `…` when cut. It cuts between
 * grapheme clusters, so neither a surrogate pair nor a combined emoji is ever split.
 */
export function truncate(text: string, max: number): string {
  if (charLength(text) <= max) return text;
  let out = '';
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    const size = charLength(segment);
    if (used + size > max - 1) break;
    out += segment;
    used += size;
  }
  return `${out}…`;
}
