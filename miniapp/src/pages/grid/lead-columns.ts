import type { Colleague } from '../../services/directory';
import type { GridColumnInfo, GridLead } from '../../services/grid';
import { gridColumnsOf, peopleOptions } from './grid-columns';

// The leads grid's own column settings: widths, what a new grid shows. A lead nobody owns waits to
// be claimed (in its team or the pool): its owner cell says 待认领.

const widths: Record<string, number> = {
  company: 220,
  contactName: 100,
  mobile: 130,
  status: 90,
  owner: 100,
  email: 180,
  lastActivityAt: 130,
  createdAt: 130,
  updatedAt: 130,
};

/** What a new grid shows before the person chooses. */
export const defaultLeadColumns = [
  'company',
  'contactName',
  'mobile',
  'status',
  'owner',
  'source',
  'region',
  'industry',
  'createdAt',
  'updatedAt',
];

export const leadColumns = (infos: GridColumnInfo[], colleagues: Colleague[]) =>
  gridColumnsOf<GridLead>(infos, { widths, people: peopleOptions(colleagues), nobody: '待认领' });
