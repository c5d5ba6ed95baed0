import type { GridColumn, Option } from '../../components/grid/types';
import { when } from '../../services/customer-format';
import type { Colleague, TagGroup } from '../../services/directory';
import type { GridColumnInfo, GridCustomer, GridFilter } from '../../services/grid';

// The customers grid's columns as the grid draws them, from the server's column list (what this
// person may see and change): how a cell reads, how it is edited, how its header filters. And the
// header filters as the API's column filters, both ways (a saved view stores the API's).

const widths: Record<string, number> = {
  name: 240,
  kind: 80,
  level: 100,
  owner: 110,
  tags: 220,
  phone: 140,
  address: 240,
  creditCode: 190,
  lastFollowUpAt: 130,
  createdAt: 130,
  updatedAt: 130,
};

/** What a new grid shows before the person chooses. */
export const defaultColumns = [
  'name',
  'level',
  'owner',
  'tags',
  'industry',
  'region',
  'city',
  'phone',
  'updatedAt',
];

/** What a header's text filter does, by column type (apiFilters). */
const placeholders: Partial<Record<GridColumnInfo['type'], string>> = { number: '等于', date: '起始日期' };

const times = new Set(['lastFollowUpAt', 'createdAt', 'updatedAt']);
export const POOL = 'pool';

const customValue = (row: GridCustomer, key: string): unknown => row.customFields?.[key.slice(3)];

function cellText(info: GridColumnInfo, row: GridCustomer): string {
  const { key } = info;
  if (key === 'owner') return row.owner ? row.owner.name : '公海';
  if (key === 'tags') return (row.tags ?? []).map((t) => t.name).join('、');
  if (times.has(key)) {
    const at = row[key as 'createdAt'];
    return at ? when(at) : '';
  }
  const value = key.startsWith('cf.') ? customValue(row, key) : row[key as keyof GridCustomer];
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join('、');
  if (typeof value === 'boolean') return value ? '是' : '否';
  return info.options?.find((o) => o.value === value)?.label ?? String(value);
}

/** The field a row's fieldAccess names for the column: its own, or customFields for `cf.` ones. */
const ruledField = (key: string) => (key.startsWith('cf.') ? 'customFields' : key);

export function gridColumnsOf(
  infos: GridColumnInfo[],
  colleagues: Colleague[],
  tagGroups: TagGroup[],
): GridColumn<GridCustomer>[] {
  const people: Option[] = colleagues.map((c) => ({ value: String(c.id), label: c.name }));
  const tags: Option[] = tagGroups.flatMap((g) =>
    g.tags.map((t) => ({ value: String(t.id), label: `${g.name}：${t.name}` })),
  );
  return infos.map((info) => {
    const choice = info.type === 'choice' || info.type === 'person';
    const options = info.type === 'person' ? people : (info.options ?? []);
    const editorless = info.type === 'tags' || info.type === 'date' || !info.editable;
    return {
      key: info.key,
      label: info.label,
      width: widths[info.key] ?? (info.key.startsWith('cf.') ? 140 : 110),
      sortable: info.sortable,
      cell: (row) => cellText(info, row),
      ...(info.type === 'person' && { editValue: (row: GridCustomer) => String(row.owner?.id ?? '') }),
      ...(!editorless && {
        editor: choice ? { kind: 'choice' as const, options } : { kind: 'text' as const },
      }),
      editableIn: (row) =>
        info.key === 'owner' ? info.editable : row.fieldAccess.editable.includes(ruledField(info.key)),
      ...(times.has(info.key) || (info.type === 'date' && !info.key.startsWith('cf.'))
        ? {}
        : {
            filter:
              info.type === 'person'
                ? { kind: 'choice' as const, options: [{ value: POOL, label: '公海' }, ...people] }
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
