import type { Colleague, TagGroup } from '../../services/directory';
import type { GridColumnInfo, GridCustomer } from '../../services/grid';
import { gridColumnsOf, peopleOptions } from './grid-columns';

// The customers grid's own column settings: widths, what a new grid shows, the owner and tag pickers.

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

/** The tags to pick, each with its group: 客户阶段：意向. */
export const tagOptions = (tagGroups: TagGroup[]) =>
  tagGroups.flatMap((g) => g.tags.map((t) => ({ value: String(t.id), label: `${g.name}：${t.name}` })));

export const customerColumns = (infos: GridColumnInfo[], colleagues: Colleague[], tagGroups: TagGroup[]) =>
  gridColumnsOf<GridCustomer>(infos, {
    widths,
    people: peopleOptions(colleagues),
    tags: tagOptions(tagGroups),
    nobody: '公海',
  });
