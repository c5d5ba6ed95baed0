import type { CustomerKind } from '../entities/customer.js';
import { hanGrams, normalizeSearchText, phoneDigits, phoneTail } from './normalize.js';
import { type Reading, readingsOf } from './pinyin.js';

/** What a customer is found by; the column names are the entity's `search*` properties. */
export interface SearchKeys {
  /**
   * The customer's name, then its pinyin and initials, then its inner initials (see
   * innerInitialsMark): normalised words separated by spaces, with a space at each end. The first
   * word is the name, even when empty (see sql.ts).
   */
  searchText: string;
  /** The contacts' names, then their pinyin and initials, in the same form. */
  searchContacts: string;
  /**
   * Chinese characters and pairs of adjacent characters of the names, tagged by where they come
   * from: `n:` the customer's name, `k:` a contact's name.
   */
  searchGrams: string[];
  /**
   * Digits of each phone number and its last four digits, tagged by field: `p:` the customer's
   * phone, `m:` a contact's mobile, `t:` a contact's landline. The tags let a search leave out the
   * fields a viewer may not see.
   */
  searchPhones: string[];
}

export interface KeyedCustomer {
  kind: CustomerKind;
  name: string;
  phone?: string | null;
}

export interface KeyedContact {
  name: string;
  mobile?: string | null;
  phone?: string | null;
}

/**
 * The search keys of a customer and its contacts (pure). Whoever writes a customer's name or phone,
 * or adds, edits or removes one of its contacts, stores these again (`refreshSearchKeys` does it
 * from the database).
 */
export function searchKeysFor(customer: KeyedCustomer, contacts: readonly KeyedContact[]): SearchKeys {
  const name = normalizeSearchText(customer.name);
  const contactNames = contacts.map((c) => normalizeSearchText(c.name)).filter(Boolean);
  // The name stays the first word, even when empty: searchNameSql reads it there.
  const readings = name ? readingsOf(name, customer.kind === 'person') : [];
  const nameWords = [name, ...readings.flatMap(wordsOf), ...readings.flatMap(innerInitials)];
  const contactWords = [
    ...contactNames,
    ...contactNames.flatMap((n) => readingsOf(n, true).flatMap(wordsOf)),
  ];
  const phones = [
    ...tagged('p:', [customer.phone]),
    ...tagged(
      'm:',
      contacts.map((c) => c.mobile),
    ),
    ...tagged(
      't:',
      contacts.map((c) => c.phone),
    ),
  ];
  return {
    searchText: ` ${[...new Set(nameWords)].join(' ')} `,
    searchContacts: ` ${[...new Set(contactWords)].join(' ')} `,
    searchGrams: [
      ...new Set([
        ...hanGrams(name).map((g) => `n:${g}`),
        ...contactNames.flatMap(hanGrams).map((g) => `k:${g}`),
      ]),
    ],
    searchPhones: [...new Set(phones)],
  };
}

const wordsOf = (r: Reading) => [r.full, r.initials];

/**
 * Marks the words of `search_text` that are the name's initials from one of its later characters on
 * (北京星河科技 → ^jxhkj ^xhkj ^hkj ^kj), so that `xh` finds 北京星河 through a word prefix (^xh), an
 * index lookup, while ranking below the initials of the name's start. Normalised text, and so any
 * query, never holds the mark: a plain word prefix (xh) does not reach these words.
 */
export const innerInitialsMark = '^';

/** The name's initials from each later character (or run of letters and digits), two at least. */
const innerInitials = (r: Reading) =>
  r.units.slice(1, -1).map(
    (_, i) =>
      innerInitialsMark +
      r.units
        .slice(i + 1)
        .map((u) => u.initial)
        .join(''),
  );

function tagged(tag: string, numbers: readonly (string | null | undefined)[]): string[] {
  return numbers.flatMap((n) => {
    const digits = n ? phoneDigits(n) : undefined;
    return digits ? [`${tag}${digits}`, `${tag}${phoneTail(digits)}`] : [];
  });
}
