import type { GridColumn, Option } from '../../components/grid/types';
import { when } from '../../services/customer-format';
import type { GridColumnInfo, GridFilter } from '../../services/grid';

// A grid's columns as the grid draws them, from the server's column list (what this person may see
// and change), whatever the records (customers, leads…): how a cell reads, how it is edited, how its
// header filters. And the header filters as the API's column filters, both ways (a saved view stores
// the API's), and the body of an in-place edit.

/** What every grid's rows carry: an id, what the viewer may edit in place, and perhaps an owner. */
export interface GridRecord {
  id: number;
  owner?: { id: number; name: string } | null;
  tags?: { name: string }[];
  customFields?: Record<string, unknown>;
  fieldAccess: { editable: string[] };
}

/** What a header's text filter does, by column type (apiFilters). */
const placeholders: Partial<Record<GridColumnInfo['type'], string>> = { number: '等于', date: '起始日期' };

export const POOL = 'pool';

/** The people an owner is picked from, as choices. */
export const peopleOptions = (people: { id: number; name: string }[]): Option[] =>
  people.map((p) => ({ value: String(p.id), label: p.name }));

/** The filter a header gives by column type (apiFilters): a column that does not take it has none. */
const headerOps: Record<GridColumnInfo['type'], string> = {
  text: 'contains',
  choice: 'in',
  number: 'eq',
  date: 'gte',
  person: 'in',
  tags: 'has',
};

/** A built-in time (created, updated…): shown as when it was, not filtered from the header. */
const isTime = (info: GridColumnInfo) => info.type === 'date' && !info.key.startsWith('cf.');

function cellText<R extends GridRecord>(info: GridColumnInfo, row: R, nobody: string): string {
  const { key } = info;
  if (key === 'owner') return row.owner ? row.owner.name : nobody;
  if (key === 'tags') return (row.tags ?? []).map((t) => t.name).join('、');
  const value = key.startsWith('cf.')
    ? row.customFields?.[key.slice(3)]
    : (row as Record<string, unknown>)[key];
  if (isTime(info)) return typeof value === 'string' ? when(value) : '';
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join('、');
  if (typeof value === 'boolean') return value ? '是' : '否';
  return info.options?.find((o) => o.value === value)?.label ?? String(value);
}

/** The field a row's fieldAccess names for the column: its own, or customFields for `cf.` ones. */
const ruledField = (key: string) => (key.startsWith('cf.') ? 'customFields' : key);

/** What a grid of some records needs to draw its columns beyond the server's list of them. */
export interface ColumnSetting {
  /** In pixels, by column key; custom fields 140 and the others 110 unless said. */
  widths: Record<string, number>;
  /** The people an owner is picked from (filter, edit). */
  people: Option[];
  /** The tags a `tags` column is filtered by. */
  tags?: Option[];
  /** What an unowned record's owner cell says (公海). */
  nobody: string;
}

export function gridColumnsOf<R extends GridRecord>(
  infos: GridColumnInfo[],
  { widths, people, tags = [], nobody }: ColumnSetting,
): GridColumn<R>[] {
  return infos.map((info) => {
    const choice = info.type === 'choice' || info.type === 'person';
    const options = info.type === 'person' ? people : (info.options ?? []);
    const editorless = info.type === 'tags' || info.type === 'date' || !info.editable;
    return {
      key: info.key,
      label: info.label,
      width: widths[info.key] ?? (info.key.startsWith('cf.') ? 140 : 110),
      sortable: info.sortable,
      cell: (row) => cellText(info, row, nobody),
      ...(info.type === 'person' && { editValue: (row: R) => String(row.owner?.id ?? '') }),
      ...(!editorless && {
        editor: choice ? { kind: 'choice' as const, options } : { kind: 'text' as const },
      }),
      editableIn: (row) =>
        info.key === 'owner' ? info.editable : row.fieldAccess.editable.includes(ruledField(info.key)),
      ...(isTime(info) || !info.filterOps.includes(headerOps[info.type])
        ? {}
        : {
            filter:
              info.type === 'person'
                ? { kind: 'choice' as const, options: [{ value: POOL, label: nobody }, ...people] }
                : info.type === 'tags'
                  ? { kind: 'choice' as const, options: info.key === 'tags' ? tags : (info.options ?? []) }
                  : info.type === 'choice'
                    ? { kind: 'choice' as const, options: info.options ?? [] }
                    : { kind: 'text' as const, placeholder: placeholders[info.type] ?? '包含' },
          }),
    };
  });
}

/** The header filters as the API's column filters. */
export function apiFilters(
  infos: GridColumnInfo[],
  filters: Record<string, string | undefined>,
): GridFilter[] {
  return Object.entries(filters).flatMap(([key, value]): GridFilter[] => {
    const info = infos.find((i) => i.key === key);
    if (!info || value === undefined) return [];
    switch (info.type) {
      case 'person':
        return [
          value === POOL ? { column: key, op: 'empty' } : { column: key, op: 'in', value: [Number(value)] },
        ];
      case 'tags':
        return [{ column: key, op: 'has', value: [key === 'tags' ? Number(value) : value] }];
      case 'choice':
        return [{ column: key, op: 'in', value: [value] }];
      case 'number':
        return Number.isFinite(Number(value)) ? [{ column: key, op: 'eq', value: Number(value) }] : [];
      case 'date':
        return [{ column: key, op: 'gte', value }];
      default:
        return [{ column: key, op: 'contains', value }];
    }
  });
}

/** A saved view's filters back into the header's. */
export function headerFilters(filters: GridFilter[]): Record<string, string> {
  return Object.fromEntries(
    filters.map((f) => [
      f.column,
      f.op === 'empty' ? POOL : String(Array.isArray(f.value) ? f.value[0] : f.value),
    ]),
  );
}

/** The value a cell edit sends: numbers for number columns, null for an emptied text. */
export function editBody(info: GridColumnInfo, value: string) {
  const trimmed = value.trim();
  if (info.key.startsWith('cf.')) {
    const typed = info.type === 'number' && trimmed !== '' ? Number(trimmed) : trimmed;
    return { customFields: { [info.key.slice(3)]: trimmed === '' ? null : typed } };
  }
  return { [info.key]: trimmed === '' ? null : trimmed };
}
