import { request } from './api';
import type { Answer, Body } from './contract';

// The deals grid's own API (bot-server/src/api/sales/grid-routes.ts): batch changes, and a cell
// edit, the deal's own PATCH (a stage is the deal's move, services/sales.ts). Its columns, pages and
// saved views are every grid's (services/grid.ts, object `deals`).

export const GRID_DEALS_PAGE = '/pages/grid/deals';

export type DealColumnInfo = Answer<'/api/opportunities/grid/columns', 'get'>['items'][number];
export type GridDeal = Answer<'/api/opportunities/grid', 'get'>['items'][number];
export type DealBatchChange = Omit<Body<'/api/opportunities/batch', 'post'>, 'ids'>;
export type DealBatchOutcome = Answer<'/api/opportunities/batch', 'post'>;
export type DealPatch = Body<'/api/opportunities/{id}', 'patch'>;

export const updateDeal = (id: number, patch: DealPatch) =>
  request<Answer<'/api/opportunities/{id}', 'get'>>('PATCH', `/api/opportunities/${id}`, { data: patch });

export const batchDeals = (ids: number[], change: DealBatchChange) =>
  request<DealBatchOutcome>('POST', '/api/opportunities/batch', { data: { ids, ...change } });
