// The customers grid's header filters as the API's column filters and back (a saved view stores
// the API's), and the body of an in-place edit: pure mappings of pages/grid/grid-columns.ts.
import { describe, expect, test } from 'vitest';
import { apiFilters, editBody, headerFilters, POOL } from '../src/pages/grid/grid-columns';
import type { GridColumnInfo } from '../src/services/grid';

const info = (key: string, type: GridColumnInfo['type']): GridColumnInfo => ({
  key,
  label: key,
  type,
  sortable: true,
  filterOps: [],
  editable: true,
  masked: false,
});
const columns = [
  info('name', 'text'),
  info('kind', 'choice'),
  info('owner', 'person'),
  info('tags', 'tags'),
  info('cf.预算', 'number'),
  info('cf.渠道', 'tags'),
  info('cf.签约日', 'date'),
];

describe('header filters', () => {
  test('each column type becomes the filter its column takes, and a saved view reads back the same', () => {
    const header = {
      name: '科技',
      kind: 'company',
      owner: '4',
      tags: '8',
      'cf.预算': '100',
      'cf.渠道': '展会',
      'cf.签约日': '2026-12-01',
    };
    const filters = apiFilters(columns, header);
    expect(filters).toEqual([
      { column: 'name', op: 'contains', value: '科技' },
      { column: 'kind', op: 'in', value: ['company'] },
      { column: 'owner', op: 'in', value: [4] },
      { column: 'tags', op: 'has', value: [8] },
      { column: 'cf.预算', op: 'eq', value: 100 },
      { column: 'cf.渠道', op: 'has', value: ['展会'] },
      { column: 'cf.签约日', op: 'gte', value: '2026-12-01' },
    ]);
    expect(headerFilters(filters)).toEqual(header);
  });

  test('the pool is the owner being empty; cleared and unknown columns and a non-number are left out', () => {
    expect(apiFilters(columns, { owner: POOL, name: undefined, budget: 'x', 'cf.预算': '很多' })).toEqual([
      { column: 'owner', op: 'empty' },
    ]);
    expect(headerFilters([{ column: 'owner', op: 'empty' }])).toEqual({ owner: POOL });
  });
});

describe('an in-place edit', () => {
  test('a field sends its text, emptied as null; a custom number field sends a number under customFields', () => {
    expect(editBody(columns[0]!, ' 星河科技 ')).toEqual({ name: '星河科技' });
    expect(editBody(info('level', 'text'), '  ')).toEqual({ level: null });
    expect(editBody(columns[4]!, '120')).toEqual({ customFields: { 预算: 120 } });
    expect(editBody(columns[4]!, '')).toEqual({ customFields: { 预算: null } });
  });
});
