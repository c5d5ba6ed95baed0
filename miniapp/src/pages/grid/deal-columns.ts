import { formatAmount } from '@kelian/cards/format/money';
import type { GridColumn, Option } from '../../components/grid/types';
import { when } from '../../services/customer-format';
import type { DealColumnInfo, DealPatch, GridDeal } from '../../services/deal-grid';
import type { Colleague } from '../../services/directory';
import type { GridFilter } from '../../services/grid';
import { headerFilters, peopleOptions } from './grid-columns';
import type { FilterTranslation } from './use-grid-page';

// The deals grid's columns as the grid draws them, from the server's column list (what this person
// may see and change): how a cell reads (amounts in ¥ as the field rules presented them), how it is
// edited, how its header filters; and the header filters as the API's column filters.

const widths: Record<string, number> = {
  name: 240,
  customer: 220,
  stage: 110,
  amountCents: 130,
  expectedCloseDate: 120,
  owner: 100,
  probability: 80,
  status: 80,
  createdAt: 130,
  updatedAt: 130,
};

/** What a new deals grid shows before the person chooses. */
export const defaultDealColumns = [
  'name',
  'customer',
  'stage',
  'amountCents',
  'expectedCloseDate',
  'owner',
  'probability',
  'status',
  'updatedAt',
];

const customValue = (row: GridDeal, key: string): unknown => row.customFields?.[key.slice(3)];

function cellText(info: DealColumnInfo, row: GridDeal): string {
  switch (info.key) {
    case 'customer':
      return row.customer.name;
    case 'owner':
      return row.owner?.name ?? '';
    case 'stage':
      return row.stage.name;
    case 'probability':
      return `${row.stage.probability}%`;
    case 'amountCents':
      return formatAmount(row.amountCents);
    case 'expectedCloseDate':
      return row.expectedCloseDate ?? '';
    case 'createdAt':
    case 'updatedAt':
      return when(row[info.key]);
  }
  const value = info.key.startsWith('cf.') ? customValue(row, info.key) : row[info.key as keyof GridDeal];
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join('、');
  if (typeof value === 'boolean') return value ? '是' : '否';
  return info.options?.find((o) => o.value === value)?.label ?? String(value);
}

/** What an edit starts from: the yuan of an amount, the stage's id. */
function editValue(info: DealColumnInfo, row: GridDeal): string {
  if (info.key === 'stage') return String(row.stage.id);
  if (info.key === 'amountCents')
    return typeof row.amountCents === 'number' ? String(row.amountCents / 100) : '';
  return cellText(info, row);
}

/**
 * `openStages`: the stages a deal may be moved to in place (won and lost are the deal page's own
 * actions, with a note or a reason).
 */
export function dealColumnsOf(
  infos: DealColumnInfo[],
  colleagues: Colleague[],
  openStages: Option[],
): GridColumn<GridDeal>[] {
  const people = peopleOptions(colleagues);
  return infos.map((info) => {
    const custom = info.key.startsWith('cf.');
    return {
      key: info.key,
      label: info.label,
      width: widths[info.key] ?? (custom ? 140 : 110),
      sortable: info.sortable,
      cell: (row) => cellText(info, row),
      editValue: (row) => editValue(info, row),
      ...(info.editable && {
        editor:
          info.key === 'stage' ? { kind: 'choice' as const, options: openStages } : { kind: 'text' as const },
      }),
      editableIn: (row) => row.editable,
      ...(info.type === 'date' && !custom
        ? {}
        : {
            filter:
              info.type === 'person'
                ? { kind: 'choice' as const, options: people }
                : info.type === 'choice'
                  ? { kind: 'choice' as const, options: info.options ?? [] }
                  : {
                      kind: 'text' as const,
                      placeholder:
                        info.key === 'amountCents'
                          ? '不少于（元）'
                          : info.type === 'number'
                            ? '等于'
                            : '包含',
                    },
          }),
    };
  });
}

/** Yuan as typed (`12500`, `¥12,500.50`) → integer cents, or null when it is not an amount. */
export function centsOf(text: string): number | null {
  const plain = text.replace(/[¥,，\s]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(plain)) return null;
  const [whole, fen = ''] = plain.split('.');
  return Number(whole) * 100 + Number(fen.padEnd(2, '0'));
}

/** The PATCH a cell edit sends; null when the typed amount is not one. */
export function dealEditBody(key: string, value: string): DealPatch | null {
  const trimmed = value.trim();
  if (key === 'amountCents') {
    const cents = centsOf(trimmed);
    return cents === null ? null : { amountCents: cents };
  }
  if (key === 'expectedCloseDate') return { expectedCloseDate: trimmed === '' ? null : trimmed };
  return { name: trimmed };
}

/** The header filters as the API's column filters (an amount: at least that many yuan). */
function dealApiFilters(infos: DealColumnInfo[], filters: Record<string, string | undefined>): GridFilter[] {
  return Object.entries(filters).flatMap(([key, value]): GridFilter[] => {
    const info = infos.find((i) => i.key === key);
    if (!info || value === undefined) return [];
    switch (info.type) {
      case 'person':
        return [{ column: key, op: 'in', value: [Number(value)] }];
      case 'choice':
        return [{ column: key, op: 'in', value: [value] }];
      case 'number': {
        if (key === 'amountCents') {
          const cents = centsOf(value);
          return cents === null ? [] : [{ column: key, op: 'gte', value: cents }];
        }
        return Number.isFinite(Number(value)) ? [{ column: key, op: 'eq', value: Number(value) }] : [];
      }
      case 'date':
        return [{ column: key, op: 'gte', value }];
      default:
        return [{ column: key, op: 'contains', value }];
    }
  });
}

/** The deals grid's header filters and the API's: an amount is typed in yuan, saved in cents. */
export const dealFilters: FilterTranslation = {
  toApi: dealApiFilters,
  toHeader: (filters) => {
    const header = headerFilters(filters);
    if (header.amountCents) header.amountCents = String(Number(header.amountCents) / 100);
    return header;
  },
};
