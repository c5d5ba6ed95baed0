import { request } from './api';
import type { Answer, Body } from './contract';

// The desktop grids' API (bot-server/src/api/customers/grid-routes.ts, api/leads/grid-routes.ts,
// api/sales/grid-routes.ts, api/views): a grid's columns as the signed-in person may use them, pages sorted and filtered by
// any column, batch changes, and the person's saved views. A cell edit is the record's own PATCH
// (services/customers.ts, updateLead below).

export const GRID_CUSTOMERS_PAGE = '/pages/grid/customers';
export const GRID_LEADS_PAGE = '/pages/grid/leads';

/** The grids there are, by their saved views' `object`. */
export type GridObject = 'customers' | 'leads' | 'deals';

/** Each grid's path under /api: the deals grid is the opportunities'. */
const pathOf: Record<GridObject, string> = { customers: 'customers', leads: 'leads', deals: 'opportunities' };

export type GridColumnInfo = Answer<'/api/customers/grid/columns', 'get'>['items'][number];
export type GridCustomer = Answer<'/api/customers/grid', 'get'>['items'][number];
export type GridLead = Answer<'/api/leads/grid', 'get'>['items'][number];
export type GridFilter = NonNullable<Body<'/api/views', 'post'>['filters']>[number];
export type BatchChange = Omit<Body<'/api/customers/batch', 'post'>, 'ids'>;
export type LeadBatchChange = Omit<Body<'/api/leads/batch', 'post'>, 'ids'>;
export type BatchOutcome = Answer<'/api/customers/batch', 'post'>;
export type SavedView = Answer<'/api/views', 'get'>['items'][number];
export type ViewInput = Omit<Body<'/api/views', 'post'>, 'object'>;

export interface GridQuery {
  sort: string;
  filters: GridFilter[];
}

export const gridColumns = async (object: GridObject) =>
  (await request<{ items: GridColumnInfo[] }>('GET', `/api/${pathOf[object]}/grid/columns`)).items;

export function gridPage<R>(object: GridObject, { sort, filters }: GridQuery, cursor?: string) {
  const params = [
    `sort=${encodeURIComponent(sort)}`,
    'limit=100',
    ...(filters.length > 0 ? [`filters=${encodeURIComponent(JSON.stringify(filters))}`] : []),
    ...(cursor ? [`cursor=${encodeURIComponent(cursor)}`] : []),
  ];
  return request<{ items: R[]; nextCursor: string | null }>(
    'GET',
    `/api/${pathOf[object]}/grid?${params.join('&')}`,
  );
}

export const batchCustomers = (ids: number[], change: BatchChange) =>
  request<BatchOutcome>('POST', '/api/customers/batch', { data: { ids, ...change } });

export const batchLeads = (ids: number[], change: LeadBatchChange) =>
  request<BatchOutcome>('POST', '/api/leads/batch', { data: { ids, ...change } });

export const updateLead = (id: number, input: Body<'/api/leads/{id}', 'patch'>) =>
  request<Answer<'/api/leads/{id}', 'patch'>>('PATCH', `/api/leads/${id}`, { data: input });

export const listViews = async (object: GridObject) =>
  (await request<{ items: SavedView[] }>('GET', `/api/views?object=${object}`)).items;

export const createView = (object: GridObject, input: ViewInput) =>
  request<SavedView>('POST', '/api/views', { data: { object, ...input } });

export const saveView = (id: number, input: Partial<ViewInput>) =>
  request<SavedView>('PATCH', `/api/views/${id}`, { data: input });

export const deleteView = (id: number) => request<void>('DELETE', `/api/views/${id}`);
