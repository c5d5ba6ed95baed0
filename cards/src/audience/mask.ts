import { formatMoney } from '../format/money.js';
import type { FieldRule } from './audience.js';

/** `13812341234` → `138****1234`: the head and tail let a rep recognise a number without revealing it. */
export function maskPhone(phone: string): string {
  const chars = [...phone.trim()];
  if (chars.length < 8) return '****';
  return `${chars.slice(0, 3).join('')}****${chars.slice(-4).join('')}`;
}

/** A phone number as this viewer may see it; `undefined` when the field must not appear at all. */
export function presentPhone(phone: string, rule: FieldRule): string | undefined {
  if (rule === 'hidden') return undefined;
  return rule === 'masked' ? maskPhone(phone) : phone;
}

/** An amount in cents as this viewer may see it; `undefined` when the field must not appear at all. */
export function presentAmount(cents: number, rule: FieldRule): string | undefined {
  if (rule === 'hidden') return undefined;
  return rule === 'masked' ? '¥****' : formatMoney(cents);
}
