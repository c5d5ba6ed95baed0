import { get, post } from './api';
import type { Answer, Body, Problem, Query } from './contract';
import type { Stage } from './customers';

// bot-server's sales API as the 首页, 线索, 商机 and 待办 pages use it; the shapes are the server's
// own (see ./contract). Fields a field rule hides are absent; a masked amount comes as text.

export const LEADS_PAGE = '/pages/leads/index';
export const LEAD_PAGE = '/pages/leads/detail';
export const DEALS_PAGE = '/pages/opportunities/index';
export const DEAL_PAGE = '/pages/opportunities/detail';
export const TASKS_PAGE = '/pages/tasks/index';

export type Leads = Answer<'/api/leads', 'get'>;
export type Lead = Answer<'/api/leads/{id}', 'get'>;
export type LeadStatus = Lead['status'];
export type LeadView = NonNullable<Query<'/api/leads', 'get'>['view']>;
/** A customer the server thinks a converted lead may duplicate (409 duplicate-customer). */
export type Duplicate = Extract<
  Problem<'/api/leads/{id}/convert', 'post', 409>,
  { duplicates: unknown }
>['duplicates'][number];
export type LeadConverted = Answer<'/api/leads/{id}/convert', 'post'>;
/** Into a new customer; `customerId`: merged into that one; `force`: new even though it looks like one. */
export type ConvertInto = Body<'/api/leads/{id}/convert', 'post'>;

export type { Stage } from './customers';
export type DealDetail = Answer<'/api/opportunities/{id}', 'get'>;
export type Deal = Answer<'/api/opportunities', 'get'>['items'][number];
export type StageStep = DealDetail['history'][number];
export type Board = Answer<'/api/opportunities/board', 'get'>;
export type BoardColumn = Board['columns'][number];
export type BoardPage = Answer<'/api/opportunities/board/stages/{id}', 'get'>;

/** One's own month; a manager's team (their department and those under it) beside it. */
export type Figures = Answer<'/api/me/figures', 'get'>;
export type SalesFigures = Omit<Figures, 'month' | 'team'>;

export type Tasks = Answer<'/api/tasks', 'get'>;
export type Task = Tasks['items'][number];
export type TaskView = NonNullable<Query<'/api/tasks', 'get'>['view']>;

const paged = (path: string, params: Record<string, string | undefined>) => {
  const pairs = Object.entries(params).filter((pair): pair is [string, string] => pair[1] !== undefined);
  return `${path}?${pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`;
};

export const listLeads = (view: LeadView, cursor?: string) =>
  get<Leads>(paged('/api/leads', { view, limit: '20', cursor }));
export const fetchLead = (id: number) => get<Lead>(`/api/leads/${id}`);
export const claimLead = (id: number) => post<Lead>(`/api/leads/${id}/claim`);
export const releaseLead = (id: number) => post<Lead>(`/api/leads/${id}/release`);
export const markLeadInvalid = (id: number, reason: string) =>
  post<Lead>(`/api/leads/${id}/invalid`, { reason } satisfies Body<'/api/leads/{id}/invalid', 'post'>);
export const convertLead = (id: number, into?: ConvertInto) =>
  post<LeadConverted>(`/api/leads/${id}/convert`, into ?? {});

export const fetchStages = () => get<{ items: Stage[] }>('/api/stages');
export const fetchBoard = () => get<Board>('/api/opportunities/board');
/** A long column's next page (加载更多), from the column's nextCursor. */
export const fetchBoardColumn = (stageId: number, cursor: string) =>
  get<BoardPage>(`/api/opportunities/board/stages/${stageId}?cursor=${encodeURIComponent(cursor)}`);
export const fetchDeal = (id: number) => get<DealDetail>(`/api/opportunities/${id}`);
export const moveDeal = (id: number, stageId: number) =>
  post<DealDetail>(`/api/opportunities/${id}/stage`, {
    stageId,
  } satisfies Body<'/api/opportunities/{id}/stage', 'post'>);
export const winDeal = (id: number) => post<DealDetail>(`/api/opportunities/${id}/won`);
export const loseDeal = (id: number, reason: string) =>
  post<DealDetail>(`/api/opportunities/${id}/lost`, {
    reason,
  } satisfies Body<'/api/opportunities/{id}/lost', 'post'>);

export const fetchFigures = () => get<Figures>('/api/me/figures');

export const listTasks = (view: TaskView, cursor?: string, limit = 20) =>
  get<Tasks>(paged('/api/tasks', { view, limit: String(limit), cursor }));
export const completeTask = (id: number) => post<Task>(`/api/tasks/${id}/done`);
export const postponeTask = (id: number) =>
  post<Task>(`/api/tasks/${id}/postpone`, { days: 1 } satisfies Body<'/api/tasks/{id}/postpone', 'post'>);
