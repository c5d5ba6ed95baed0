// The chat clients' avatar for a person without a photo: the last two characters of the name on
// a colour picked from the name, so the same person always gets the same colour. Kept apart from
// the component so that the desktop navigation (plain HTML, a lazy chunk) draws it without Taro's
// components.
const palette = ['#2f6bff', '#14a9a0', '#f7873b', '#7a5cf0', '#e8548a', '#2d9cdb', '#4caf6e'];

export function shortName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '?';
  // Latin names: initials; Chinese names: the given name, as WeCom and DingTalk show them.
  if (/^[\x20-\x7e]+$/.test(name)) {
    return name
      .split(/\s+/)
      .map((part) => part[0]?.toUpperCase() ?? '')
      .join('')
      .slice(0, 2);
  }
  // 陈经理, 张先生: a surname with a form of address reads as the surname, not as "经理".
  if (chars.length >= 2 && honorific.test(name.trim())) return chars[0] ?? '?';
  return chars.slice(-2).join('');
}

const honorific = /(先生|女士|小姐|经理|总监|老师|老板|主任|总)$/;

export function colourOf(name: string): string {
  // FNV-1a over the code points: neighbours in a list rarely share a colour.
  let hash = 2166136261;
  for (const ch of name) hash = Math.imul(hash ^ (ch.codePointAt(0) ?? 0), 16777619) >>> 0;
  return palette[hash % palette.length] ?? '#2f6bff';
}
