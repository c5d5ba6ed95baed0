import { request } from './api';
import type { Answer, Body } from './contract';

// The desktop grid's API (bot-server/src/api/customers/grid-routes.ts, api/views): its columns as
// the signed-in person may use them, pages sorted and filtered by any column, batch changes, and
// the person's saved views. A cell edit is the customer's own PATCH (services/customers.ts).

export const GRID_CUSTOMERS_PAGE = '/pages/grid/customers';

export type GridColumnInfo = Answer<'/api/customers/grid/columns', 'get'>['items'][number];
export type GridCustomer = Answer<'/api/customers/grid', 'get'>['items'][number];
export type GridFilter = NonNullable<Body<'/api/views', 'post'>['filters']>[number];
export type BatchChange = Omit<Body<'/api/customers/batch', 'post'>, 'ids'>;
export type BatchOutcome = Answer<'/api/customers/batch', 'post'>;
export type SavedView = Answer<'/api/views', 'get'>['items'][number];
export type ViewInput = Omit<Body<'/api/views', 'post'>, 'object'>;

export interface GridQuery {
  sort: string;
  filters: GridFilter[];
}

export const gridColumns = async () =>
  (await request<{ items: GridColumnInfo[] }>('GET', '/api/customers/grid/columns')).items;

/** A grid page's query string, for any grid (the deals grid's too). */
export const gridSearch = ({ sort, filters }: GridQuery, cursor?: string) =>
  [
    `sort=${encodeURIComponent(sort)}`,
    'limit=100',
    ...(filters.length > 0 ? [`filters=${encodeURIComponent(JSON.stringify(filters))}`] : []),
    ...(cursor ? [`cursor=${encodeURIComponent(cursor)}`] : []),
  ].join('&');

export const gridPage = (query: GridQuery, cursor?: string) =>
  request<Answer<'/api/customers/grid', 'get'>>('GET', `/api/customers/grid?${gridSearch(query, cursor)}`);

export const batchCustomers = (ids: number[], change: BatchChange) =>
  request<BatchOutcome>('POST', '/api/customers/batch', { data: { ids, ...change } });

export const listViews = async () =>
  (await request<{ items: SavedView[] }>('GET', '/api/views?object=customers')).items;

export const createView = (input: ViewInput) =>
  request<SavedView>('POST', '/api/views', { data: { object: 'customers', ...input } });

export const saveView = (id: number, input: Partial<ViewInput>) =>
  request<SavedView>('PATCH', `/api/views/${id}`, { data: input });

export const deleteView = (id: number) => request<void>('DELETE', `/api/views/${id}`);
