// SQL expressions over the search keys that both an index and the queries use: PostgreSQL uses an
// expression index only for the very same expression, so it is written once, here.

export type WordsColumn = 'search_text' | 'search_contacts';

const column = (name: WordsColumn, alias: string | undefined) => (alias ? `${alias}.${name}` : `"${name}"`);

/** The customer's normalised name: the first word of `search_text` (btree, exact and prefix). */
export function searchNameSql(alias?: string): string {
  return `split_part(${column('search_text', alias)}, ' ', 2)`;
}

/**
 * The words of a key column as a tsvector, taken as they are (no parser, no dictionary): a GIN index
 * on it finds word prefixes (`'zhangwei':*`) through the few index entries that start with them.
 */
export function searchWordsSql(name: WordsColumn, alias?: string): string {
  return `array_to_tsvector(string_to_array(btrim(${column(name, alias)}), ' '))`;
}
