import { ApiError, get, patch, post, put } from './api';

// bot-server's customer API as the customer pages use it (helpers/CONTRACTS.md; the shapes are
// bot-server/src/api/customers/responses.ts). Fields a field rule hides are absent, masked ones
// come as `138****1234` and are listed in `fieldAccess.revealable`.

export const DETAIL_PAGE = '/pages/customers/detail';
export const EDIT_PAGE = '/pages/customers/edit';

export interface Person {
  id: number;
  name: string;
}

export interface FieldAccess {
  editable: string[];
  revealable: string[];
}

export interface Tag {
  id: number;
  name: string;
  color: string | null;
  group: { id: number; name: string };
}

export type CustomerKind = 'company' | 'person';

export interface CustomerSummary {
  id: number;
  kind?: CustomerKind;
  name?: string;
  creditCode?: string | null;
  industry?: string | null;
  level?: string | null;
  region?: string | null;
  city?: string | null;
  address?: string | null;
  phone?: string | null;
  source?: string | null;
  owner?: Person | null;
  tags?: Tag[];
  customFields?: Record<string, unknown>;
  lastFollowUpAt?: string | null;
  updatedAt?: string;
  fieldAccess: FieldAccess;
  /** In a search's results: why it matched when its name does not show it (联系人 赵文博). */
  matchedBy?: string;
}

export interface Contact {
  id: number;
  name?: string;
  mobile?: string | null;
  phone?: string | null;
  email?: string | null;
  title?: string | null;
  wechat?: string | null;
  primary?: boolean;
  fieldAccess: FieldAccess;
}

export type FollowUpKind = 'call' | 'visit' | 'wechat' | 'email' | 'meeting';

export const followUpKinds: { value: FollowUpKind; label: string }[] = [
  { value: 'call', label: '电话' },
  { value: 'visit', label: '拜访' },
  { value: 'wechat', label: '微信' },
  { value: 'email', label: '邮件' },
  { value: 'meeting', label: '会议' },
];

export interface FollowUp {
  id: number;
  kind?: FollowUpKind;
  content?: string;
  nextStep?: string | null;
  nextAt?: string | null;
  occurredAt?: string;
  author?: Person | null;
}

export interface CustomerView extends CustomerSummary {
  contacts: Contact[];
  /** The latest follow-ups, newest first. */
  timeline: FollowUp[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type TimelineType =
  | 'created'
  | 'follow_up'
  | 'change'
  | 'owner'
  | 'stage'
  | 'won'
  | 'lost'
  | 'task_done'
  | 'merge'
  | 'lead';

export interface TimelineItem {
  id: string;
  type: TimelineType;
  at: string;
  title: string;
  body: string | null;
  by: Person | null;
}

export interface CustomFieldDefinition {
  id: number;
  key: string;
  label: string;
  type: 'text' | 'number' | 'date' | 'select' | 'multi_select';
  options: string[];
  required: boolean;
  position: number;
}

export interface Stage {
  id: number;
  name: string;
  position: number;
  outcome: 'open' | 'won' | 'lost';
}

export interface Opportunity {
  id: number;
  name: string;
  stage: Stage;
  amountCents: number | null;
  expectedCloseDate: string | null;
  status: 'open' | 'won' | 'lost';
}

export interface CustomerFilters {
  q?: string;
  /** Mine, the pool, or one colleague's (a user id). */
  owner?: 'me' | 'pool' | number;
  tags?: number[];
  stage?: number;
  /** Custom field key → the value it must equal. */
  cf?: Record<string, string>;
}

/** The editable fields of a customer, as the edit page sends them. */
export interface CustomerInput {
  kind: CustomerKind;
  name: string;
  industry?: string | null;
  level?: string | null;
  region?: string | null;
  city?: string | null;
  address?: string | null;
  phone?: string | null;
  source?: string | null;
  customFields?: Record<string, unknown>;
  contacts?: { name: string; mobile?: string | null; title?: string | null; primary?: boolean }[];
}

export interface FollowUpInput {
  kind: FollowUpKind;
  content: string;
  nextStep?: string | null;
  /** ISO time with offset. */
  nextAt?: string | null;
}

const query = (params: Record<string, string | undefined>) => {
  const pairs = Object.entries(params).filter((pair): pair is [string, string] => pair[1] !== undefined);
  return pairs.length === 0
    ? ''
    : `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`;
};

export function listCustomers(filters: CustomerFilters, cursor?: string): Promise<Page<CustomerSummary>> {
  const { q, owner, tags, stage, cf } = filters;
  return get(
    `/api/customers${query({
      q: q?.trim() || undefined,
      owner: owner === undefined ? undefined : String(owner),
      tags: tags?.length ? tags.join(',') : undefined,
      stage: stage === undefined ? undefined : String(stage),
      cf: cf && Object.keys(cf).length > 0 ? JSON.stringify(cf) : undefined,
      limit: '20',
      cursor,
    })}`,
  );
}

export const fetchCustomer = (id: number | string) => get<CustomerView>(`/api/customers/${id}`);

export const createCustomer = (input: CustomerInput) => post<CustomerView>('/api/customers', input);

export const updateCustomer = (id: number, input: Partial<CustomerInput>) =>
  patch<CustomerView>(`/api/customers/${id}`, input);

export const addFollowUp = (customerId: number, input: FollowUpInput) =>
  post<FollowUp>(`/api/customers/${customerId}/follow-ups`, input);

export const changeOwner = (customerId: number, ownerId: number | null) =>
  put<CustomerView>(`/api/customers/${customerId}/owner`, { ownerId });

export const revealField = (customerId: number, field: string, contactId?: number) =>
  post<{ value: unknown }>(`/api/customers/${customerId}/reveal`, { field, contactId });

export const customerOpportunities = (customerId: number) =>
  get<Page<Opportunity>>(`/api/opportunities${query({ customerId: String(customerId), limit: '50' })}`);

export const customerByExternalContact = (externalUserId: string) =>
  get<CustomerView>(`/api/customers/by-external/${encodeURIComponent(externalUserId)}`);

export const customerFromExternalContact = (externalUserId: string) =>
  post<CustomerView>('/api/customers/from-external', { externalUserId });

/**
 * The customer's history, newest first. Until the server has the full timeline, the follow-ups of
 * the 360° view stand in for it.
 */
export async function customerTimeline(view: CustomerView, cursor?: string): Promise<Page<TimelineItem>> {
  try {
    return await get(`/api/customers/${view.id}/timeline${query({ cursor, limit: '20' })}`);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404) || cursor) throw error;
    return { items: view.timeline.map(followUpItem), nextCursor: null };
  }
}

export function followUpItem(followUp: FollowUp): TimelineItem {
  const kind = followUpKinds.find((k) => k.value === followUp.kind)?.label ?? '跟进';
  const next = followUp.nextStep ? `\n下一步：${followUp.nextStep}` : '';
  return {
    id: `follow_up:${followUp.id}`,
    type: 'follow_up',
    at: followUp.occurredAt ?? new Date().toISOString(),
    title: `${kind}跟进`,
    body: `${followUp.content ?? ''}${next}`,
    by: followUp.author ?? null,
  };
}

/** Definitions an admin configured, or none while the server does not offer them yet. */
export const customFieldDefinitions = () =>
  optional(get<{ items: CustomFieldDefinition[] }>('/api/custom-fields?object=customer'));

/** The pipeline's stages, or none while the server does not offer them yet. */
export const pipelineStages = () => optional(get<{ items: Stage[] }>('/api/stages'));

/** A list the server may not offer (yet, or to this user): none instead of a 404 or 403. */
export async function optional<T>(pending: Promise<{ items: T[] }>): Promise<T[]> {
  try {
    return (await pending).items;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 403)) return [];
    throw error;
  }
}
