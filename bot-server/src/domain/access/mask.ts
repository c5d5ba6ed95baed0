import { maskPhone } from '@kelian/cards';
import type { Mask } from './fields.js';

// What a masked value looks like: enough to recognise it, not enough to use it.

/** `zhangwei@example.com` → `z***@example.com`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '****';
  return `${[...email][0]}***${email.slice(at)}`;
}

/** `北京市海淀区中关村大街1号` → `北***`: text shows its first character only. */
function maskText(text: string): string {
  const first = [...text.trim()][0];
  return first === undefined ? '****' : `${first}***`;
}

export function maskValue(mask: Mask, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value !== 'string') return '****';
  if (mask === 'phone') return maskPhone(value);
  return mask === 'email' ? maskEmail(value) : maskText(value);
}
