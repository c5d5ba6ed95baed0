import { request } from './api';
import type { Answer, Body } from './contract';
import { type GridQuery, gridSearch, type SavedView, type ViewInput } from './grid';

// The deals grid's API (bot-server/src/api/sales/grid-routes.ts): its columns as the signed-in
// person may use them, pages sorted and filtered by any column, batch changes, and the person's
// saved views of deals. A cell edit is the deal's own PATCH or stage move.

export const GRID_DEALS_PAGE = '/pages/grid/deals';

export type DealColumnInfo = Answer<'/api/opportunities/grid/columns', 'get'>['items'][number];
export type GridDeal = Answer<'/api/opportunities/grid', 'get'>['items'][number];
export type DealBatchChange = Omit<Body<'/api/opportunities/batch', 'post'>, 'ids'>;
export type DealBatchOutcome = Answer<'/api/opportunities/batch', 'post'>;
export type DealPatch = Body<'/api/opportunities/{id}', 'patch'>;

export const dealGridColumns = async () =>
  (await request<{ items: DealColumnInfo[] }>('GET', '/api/opportunities/grid/columns')).items;

export const dealGridPage = (query: GridQuery, cursor?: string) =>
  request<Answer<'/api/opportunities/grid', 'get'>>(
    'GET',
    `/api/opportunities/grid?${gridSearch(query, cursor)}`,
  );

export const updateDeal = (id: number, patch: DealPatch) =>
  request<Answer<'/api/opportunities/{id}', 'get'>>('PATCH', `/api/opportunities/${id}`, { data: patch });

export const batchDeals = (ids: number[], change: DealBatchChange) =>
  request<DealBatchOutcome>('POST', '/api/opportunities/batch', { data: { ids, ...change } });

export const listDealViews = async () =>
  (await request<{ items: SavedView[] }>('GET', '/api/views?object=deals')).items;

export const createDealView = (input: ViewInput) =>
  request<SavedView>('POST', '/api/views', { data: { object: 'deals', ...input } });
