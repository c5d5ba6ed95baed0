// What an administrator types into the sales settings' forms, as the server should judge it: what
// reads as a number is sent as one; anything else is sent as typed, so the server's own message says
// what is wrong (停滞天数应为 1 到 365 的整数) instead of the page guessing.

/** The typed text as the number it reads as, else the text itself (for the server to refuse). */
export function typedNumber(text: string): number {
  const t = text.trim();
  return (/^-?\d+$/.test(t) ? Number(t) : t) as number;
}

/** Like typedNumber, but empty means "none" (不回收, 不提醒). */
export const typedOptional = (text: string): number | null => (text.trim() === '' ? null : typedNumber(text));

const CENTS_PER_WAN = 1_000_000;

/** 万元 as typed (88, 12.5, to the 元: 4 decimals) → integer cents; anything else as typed. */
export function typedCents(text: string): number {
  const t = text.trim().replace(/,/g, '');
  return (/^-?\d+(\.\d{1,4})?$/.test(t) ? Math.round(Number(t) * CENTS_PER_WAN) : t) as number;
}

/** Cents as an administrator types them back, in 万元 (880000 元 → 88). */
export const wanOf = (cents: number | null): string => (cents === null ? '' : String(cents / CENTS_PER_WAN));

/** A list typed with 、，, or spaces between its values. */
export const typedList = (text: string): string[] =>
  text
    .split(/[、，,;；\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
