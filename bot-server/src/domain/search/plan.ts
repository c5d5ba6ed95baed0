import {
  type FieldAccess,
  hanGrams,
  hasHan,
  innerInitialsMark,
  normalizeSearchText,
  phoneDigits,
  phoneTail,
  searchNameSql,
  searchWordsSql,
  type WordsColumn,
} from '@kelian/orm';

/** A SQL condition on the customer table under `alias`, with `?` parameters. */
export interface Condition {
  sql: (alias: string) => string;
  params: unknown[];
  /**
   * The same condition in a form cheaper to check on a row already read, which no index serves
   * (a word prefix as `like`, not as a tsvector built from the row): for reads bounded by other
   * means (SearchCheck.rowByRow). Absent: `sql` is checked.
   */
  row?: Condition;
}

/** The rank of initials inside the name (xh → 北京星河), read only when the better tiers fall short. */
export const innerRank = 3;

/** The rank of contains matches, the last and costliest tier. */
export const containsRank = 4;

/** One level of match quality; lower ranks are better. */
export interface Tier extends Condition {
  rank: number;
}

export interface SearchPlan {
  /** By rank. They overlap: a customer in a tier is usually in the wider tiers too. */
  tiers: Tier[];
  /** Matches exactly the customers that some tier matches (for unranked filtering). */
  any: Condition;
}

/** The condition as it is cheapest to check row by row (Condition.row). */
export function rowByRow(c: Condition): Condition {
  return c.row ?? c;
}

/** The viewer's field rule for a customer or contact field (`ruleOf` in domain/access). */
export type FieldAccessOf = (object: 'customer' | 'contact', field: string) => FieldAccess;

/** A key column and the tag of its grams in `search_grams`. */
interface Column {
  name: WordsColumn;
  gramTag: 'n:' | 'k:';
}

const nameColumn: Column = { name: 'search_text', gramTag: 'n:' };
const contactsColumn: Column = { name: 'search_contacts', gramTag: 'k:' };
const creditCodePattern = /^[0-9a-z]{18}$/;
/** The phone fields and their tags in `search_phones`. */
const phoneFields = [
  { tag: 'p:', object: 'customer', field: 'phone' },
  { tag: 'm:', object: 'contact', field: 'mobile' },
  { tag: 't:', object: 'contact', field: 'phone' },
] as const;
const nothing: SearchPlan = { tiers: [], any: { sql: () => 'false', params: [] } };

/**
 * How a query is searched (keys: orm/src/search/keys.ts). Text is normalised like the keys, then
 * matched as: exact name (rank 0) > name prefix (1) > prefix of a word: name pinyin or initials,
 * contact name, pinyin or initials (2) > initials from a later character of the name on: xh finds
 * 北京星河 (3) > contains (4). Phone numbers (the last 4 digits or more) rank with prefixes, a
 * 统一社会信用代码 with the exact name.
 *
 * Fields the viewer may not see are not searched: a hidden or masked name (a mask shows one
 * character) or credit code, a hidden phone number; a masked number only by its last four digits,
 * which the mask shows.
 *
 * Indexes: the name tiers use a btree on the name, word prefixes and inner initials GIN indexes on
 * the words (tsvector prefix match), contains the trigram indexes; a query of one or two characters
 * with Chinese in it has no trigram (张三), so contains uses its Chinese pair or character in
 * `search_grams`.
 * Contains-matching Latin needs three letters or more.
 */
export function planSearch(query: string, fieldAccess: FieldAccessOf = () => 'editable'): SearchPlan {
  const text = normalizeSearchText(query);
  if (!text) return nothing;
  const readable = (object: 'customer' | 'contact', field: string) =>
    !['hidden', 'masked'].includes(fieldAccess(object, field));
  const name = readable('customer', 'name');
  const columns = [...(name ? [nameColumn] : []), ...(readable('contact', 'name') ? [contactsColumn] : [])];
  const length = [...text].length;
  const gram = hasHan(text) && length <= 2 ? mostSelective(hanGrams(text)) : undefined;

  // Each text tier contains the one before (an exact name is a name prefix is a word prefix …).
  const textTiers: Tier[] = [];
  if (name) {
    textTiers.push({ rank: 0, sql: (a) => `${searchNameSql(a)} = ?`, params: [text] });
    textTiers.push({ rank: 1, sql: (a) => `${searchNameSql(a)} like ?`, params: [`${text}%`] });
  }
  if (columns.length > 0) {
    textTiers.push({ rank: 2, ...or(columns.map((c) => wordPrefix(c.name, text))) });
    // Initials start with a letter: a query with Chinese in it, or only digits (a phone number),
    // is no one's initials.
    if (name && !hasHan(text) && !/^\d+$/.test(text)) {
      textTiers.push({ rank: innerRank, ...wordPrefix(nameColumn.name, `${innerInitialsMark}${text}`) });
    }
    if (gram || length >= 3) {
      const contains: Condition = {
        sql: (a) => `(${columns.map((c) => `${a}.${c.name} like ?`).join(' or ')})`,
        params: columns.map(() => `%${text}%`),
      };
      const grams: Condition = {
        sql: (a) => `${a}.search_grams && array[?]::text[]`,
        params: [columns.map((c) => c.gramTag + gram)],
      };
      textTiers.push({ rank: containsRank, ...(gram ? and([contains, grams]) : contains) });
    }
  }

  const otherTiers: Tier[] = [];
  if (creditCodePattern.test(text) && readable('customer', 'creditCode')) {
    otherTiers.push({ rank: 0, sql: (a) => `${a}.credit_code = ?`, params: [text.toUpperCase()] });
  }
  const digits = /^\d+$/.test(text) ? phoneDigits(text) : undefined;
  const phoneTags = phoneFields
    .filter((f) => {
      const rule = fieldAccess(f.object, f.field);
      return rule !== 'hidden' && (rule !== 'masked' || digits?.length === 4);
    })
    .map((f) => f.tag);
  if (digits && phoneTags.length > 0) {
    otherTiers.push({
      rank: 2,
      sql: (a) =>
        `${a}.search_phones && array[?]::text[] and exists (select 1 from unnest(${a}.search_phones) phone where phone like any (array[?]::text[]))`,
      params: [phoneTags.map((t) => t + phoneTail(digits)), phoneTags.map((t) => `${t}%${digits}`)],
    });
  }

  // Contains holds every text match (an inner initials word is part of the name's initials);
  // without it, the word prefixes and the inner initials together do.
  const contains = textTiers.find((t) => t.rank === containsRank);
  const widest = contains ? [contains] : textTiers.filter((t) => t.rank >= 2);
  const parts = [...widest, ...otherTiers];
  if (parts.length === 0) return nothing;
  return {
    tiers: [...textTiers, ...otherTiers].sort((x, y) => x.rank - y.rank),
    any: or(parts),
  };
}

/**
 * A word of the key column starts with `prefix` (normalised text, or the inner initials' mark and
 * normalised text). Through the words' GIN index: normalised text has no quote, space or operator,
 * so it is a valid tsquery lexeme as it is. Row by row: the words are the column's text split at
 * spaces, so a word starts with the prefix exactly where a space is followed by it, and `like`
 * finds that without building the row's tsvector (normalised text has no `%`, `_` or `\`).
 */
function wordPrefix(column: WordsColumn, prefix: string): Condition {
  return {
    sql: (a) => `${searchWordsSql(column, a)} @@ ?::tsquery`,
    params: [`'${prefix}':*`],
    row: { sql: (a) => `(' ' || ${a}.${column}) like ?`, params: [`% ${prefix}%`] },
  };
}

function and(parts: Condition[]): Condition {
  return combine(parts, ' and ');
}

function or(parts: Condition[]): Condition {
  return combine(parts, ' or ');
}

/** The parts joined by `operator`, each in parentheses; with the parts' row forms if any has one. */
function combine(parts: Condition[], operator: string): Condition {
  const joined = (ps: Condition[]): Condition => ({
    sql: (a) => `(${ps.map((p) => `(${p.sql(a)})`).join(operator)})`,
    params: ps.flatMap((p) => p.params),
  });
  return {
    ...joined(parts),
    ...(parts.some((p) => p.row) && { row: joined(parts.map(rowByRow)) }),
  };
}

/** The most selective gram of a short query: its pair of characters if it has one. */
function mostSelective(grams: string[]): string | undefined {
  return grams.find((g) => [...g].length === 2) ?? grams[0];
}
