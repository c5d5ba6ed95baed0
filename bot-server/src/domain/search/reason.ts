import {
  type CustomerKind,
  hasHan,
  normalizeSearchText,
  phoneDigits,
  phoneTail,
  type Reading,
  readingsOf,
} from '@kelian/orm';
import type { FieldAccessOf } from './plan.js';

// Why a customer came up for a query, for the people reading the results: `zw` lists 锦程精密机械,
// whose name does not say why; 联系人 赵文博 does. The rules are planSearch's, read in memory on
// the few customers of a page: the same fields (never one the viewer may not search by), the same
// matches (word starts, initials from a later character, contains from three letters or with
// Chinese, a phone's last digits).

/** A customer and its contacts as far as search reads them. */
export interface SearchedCustomer {
  kind: CustomerKind;
  name: string;
  phone?: string | null;
  creditCode?: string | null;
  contacts: readonly { name: string; mobile?: string | null; phone?: string | null }[];
}

/**
 * Why `customer` matches `query`: 拼音 星河 (xh → 北京星河科技), 联系人 赵文博 (zw), 手机尾号 5678,
 * 统一社会信用代码; undefined when its name shows it (华为 → 华为技术), or nothing matches.
 */
export function matchReason(
  query: string,
  customer: SearchedCustomer,
  fieldAccess: FieldAccessOf = () => 'editable',
): string | undefined {
  const text = normalizeSearchText(query);
  if (!text) return undefined;
  const readable = (object: 'customer' | 'contact', field: string) =>
    !['hidden', 'masked'].includes(fieldAccess(object, field));
  // Latin of one or two letters matches only at the start of a word: `zh` is in too many pinyins.
  const contains = hasHan(text) || [...text].length >= 3;
  const inText = (word: string) => word.startsWith(text) || (contains && word.includes(text));

  if (readable('customer', 'name')) {
    const name = normalizeSearchText(customer.name);
    if (name.includes(text)) return undefined;
    for (const reading of readingsOf(name, customer.kind === 'person')) {
      const read = readAs(reading, text, contains);
      if (read) return `拼音 ${read}`;
    }
  }
  if (readable('contact', 'name')) {
    for (const contact of customer.contacts) {
      const name = normalizeSearchText(contact.name);
      if (inText(name) || readingsOf(name, true).some((r) => inText(r.full) || inText(r.initials)))
        return `联系人 ${contact.name}`;
    }
  }
  return byPhone(text, customer, fieldAccess) ?? byCreditCode(text, customer, readable);
}

/** The characters of the name that `text` spells in pinyin or initials, if it does. */
function readAs(reading: Reading, text: string, contains: boolean): string | undefined {
  const initials = reading.units.map((u) => u.initial);
  const full = reading.units.map((u) => u.full);
  // The initials from the name's start or from any later unit (a character, or a run of letters
  // and digits); the full pinyin from its start; either anywhere once the query reads as contains.
  const atUnit = startsOf(initials).find((at) => reading.initials.startsWith(text, at));
  if (atUnit !== undefined) return spelled(reading, initials, atUnit, text.length);
  if (reading.full.startsWith(text)) return spelled(reading, full, 0, text.length);
  if (!contains) return undefined;
  const inInitials = reading.initials.indexOf(text);
  if (inInitials >= 0) return spelled(reading, initials, inInitials, text.length);
  const inFull = reading.full.indexOf(text);
  return inFull >= 0 ? spelled(reading, full, inFull, text.length) : undefined;
}

/** Where each part starts in the parts joined. */
function startsOf(parts: string[]): number[] {
  let at = 0;
  return parts.map((part) => {
    const start = at;
    at += part.length;
    return start;
  });
}

/** The units whose parts overlap `length` characters from `from` of the parts joined. */
function spelled(reading: Reading, parts: string[], from: number, length: number): string {
  const starts = startsOf(parts);
  return reading.units
    .filter((_, i) => starts[i]! < from + length && starts[i]! + parts[i]!.length > from)
    .map((u) => u.text)
    .join('');
}

/** Phone numbers are found by their last digits, each only if the viewer may search by it. */
function byPhone(text: string, customer: SearchedCustomer, fieldAccess: FieldAccessOf): string | undefined {
  const digits = /^\d+$/.test(text) ? phoneDigits(text) : undefined;
  if (!digits) return undefined;
  // A masked number shows its last four digits: it is found by those, never by the digits it hides.
  const searchable = (object: 'customer' | 'contact', field: string) => {
    const rule = fieldAccess(object, field);
    return rule !== 'hidden' && (rule !== 'masked' || digits.length === 4);
  };
  const ends = (number: string | null | undefined) =>
    number ? phoneDigits(number)?.endsWith(digits) : false;
  const tail = `尾号 ${phoneTail(digits)}`;
  if (searchable('customer', 'phone') && ends(customer.phone)) return `电话${tail}`;
  // A contact's name the viewer may not read is left out; the number's tail is what they typed.
  const readableName = !['hidden', 'masked'].includes(fieldAccess('contact', 'name'));
  const named = (name: string) => (readableName ? `联系人 ${name} ` : '联系人');
  for (const contact of customer.contacts) {
    if (searchable('contact', 'mobile') && ends(contact.mobile)) return `${named(contact.name)}手机${tail}`;
    if (searchable('contact', 'phone') && ends(contact.phone)) return `${named(contact.name)}电话${tail}`;
  }
  return undefined;
}

function byCreditCode(
  text: string,
  customer: SearchedCustomer,
  readable: (object: 'customer', field: string) => boolean,
): string | undefined {
  return readable('customer', 'creditCode') && customer.creditCode?.toLowerCase() === text
    ? '统一社会信用代码'
    : undefined;
}
