import { get, post } from './api';
import type { Person } from './customers';

// bot-server's sales API as the 首页, 线索, 商机 and 待办 pages use it (helpers/CONTRACTS.md; the
// shapes are bot-server/src/api/{leads,sales,followups}). Fields a field rule hides are absent;
// a masked amount comes as text.

export const LEADS_PAGE = '/pages/leads/index';
export const LEAD_PAGE = '/pages/leads/detail';
export const DEALS_PAGE = '/pages/opportunities/index';
export const DEAL_PAGE = '/pages/opportunities/detail';
export const TASKS_PAGE = '/pages/tasks/index';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type LeadStatus = 'new' | 'claimed' | 'invalid' | 'converted';
export type LeadView = 'mine' | 'pool' | 'team';

export interface Lead {
  id: number;
  company?: string;
  contactName?: string | null;
  mobile?: string | null;
  email?: string | null;
  region?: string | null;
  source?: string | null;
  industry?: string | null;
  note?: string | null;
  status: LeadStatus;
  team: { id: number; name: string } | null;
  owner: Person | null;
  claimedAt: string | null;
  lastActivityAt: string;
  createdAt: string;
  customerId: number | null;
  claimable: boolean;
}

/** A customer the server thinks a converted lead may duplicate (409 duplicate-customer). */
export interface Duplicate {
  id: number;
  name?: string;
  owner?: Person | null;
  matchedOn?: string[];
}

export interface Stage {
  id: number;
  name: string;
  position: number;
  probability: number;
  stalledAfterDays: number | null;
  outcome: 'open' | 'won' | 'lost';
}

export interface Deal {
  id: number;
  name?: string;
  customer: { id: number; name: string };
  owner: Person | null;
  stage: Stage;
  /** Cents; text when masked, absent when hidden. */
  amountCents?: number | string;
  expectedCloseDate?: string | null;
  status: 'open' | 'won' | 'lost';
  lostReason: string | null;
  closedAt: string | null;
  stageChangedAt: string;
  createdAt: string;
  updatedAt: string;
  editable: boolean;
}

export interface StageStep {
  from: Stage | null;
  to: Stage;
  by: Person | null;
  at: string;
  note: string | null;
}

export interface DealDetail extends Deal {
  history: StageStep[];
}

export interface BoardColumn {
  stage: Stage;
  count: number;
  /** Absent for a viewer who may not see amounts. */
  amountCents?: number;
  items: Deal[];
}

export interface SalesFigures {
  newCustomers: number;
  followUps: number;
  wonCents: number;
  targetCents: number | null;
  openDeals: number;
  openAmountCents: number;
}

/** One's own month; a manager's team (their department and those under it) beside it. */
export interface Figures extends SalesFigures {
  month: string;
  team: (SalesFigures & { department: { id: number; name: string } }) | null;
}

export type TaskView = 'today' | 'open' | 'overdue' | 'done';

export interface Task {
  id: number;
  title: string;
  note: string | null;
  dueAt: string;
  status: 'open' | 'done' | 'cancelled';
  doneAt: string | null;
  postponements: number;
  customer: { id: number; name: string } | null;
  lead: { id: number; company: string } | null;
  opportunity: { id: number; name: string } | null;
  assignee: Person;
}

const paged = (path: string, params: Record<string, string | undefined>) => {
  const pairs = Object.entries(params).filter((pair): pair is [string, string] => pair[1] !== undefined);
  return `${path}?${pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`;
};

export const listLeads = (view: LeadView, cursor?: string) =>
  get<Page<Lead>>(paged('/api/leads', { view, limit: '20', cursor }));
export const fetchLead = (id: number) => get<Lead>(`/api/leads/${id}`);
export const claimLead = (id: number) => post<Lead>(`/api/leads/${id}/claim`);
export const releaseLead = (id: number) => post<Lead>(`/api/leads/${id}/release`);
export const markLeadInvalid = (id: number, reason: string) =>
  post<Lead>(`/api/leads/${id}/invalid`, { reason });
/** Into a new customer; `customerId`: merged into that one; `force`: new even though it looks like one. */
export type ConvertInto = { customerId: number } | { force: true };
export const convertLead = (id: number, into?: ConvertInto) =>
  post<{ lead: Lead; customerId: number; opportunityId: number }>(`/api/leads/${id}/convert`, into ?? {});

export const fetchStages = () => get<{ items: Stage[] }>('/api/stages');
export const fetchBoard = () => get<{ columns: BoardColumn[] }>('/api/opportunities/board');
export const fetchDeal = (id: number) => get<DealDetail>(`/api/opportunities/${id}`);
export const moveDeal = (id: number, stageId: number) =>
  post<DealDetail>(`/api/opportunities/${id}/stage`, { stageId });
export const winDeal = (id: number) => post<DealDetail>(`/api/opportunities/${id}/won`);
export const loseDeal = (id: number, reason: string) =>
  post<DealDetail>(`/api/opportunities/${id}/lost`, { reason });

export const fetchFigures = () => get<Figures>('/api/me/figures');

export const listTasks = (view: TaskView, cursor?: string, limit = 20) =>
  get<Page<Task>>(paged('/api/tasks', { view, limit: String(limit), cursor }));
export const completeTask = (id: number) => post<Task>(`/api/tasks/${id}/done`);
export const postponeTask = (id: number) => post<Task>(`/api/tasks/${id}/postpone`, { days: 1 });
