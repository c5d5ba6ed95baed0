import { ApiError, get, patch, post, put } from './api';
import type { Answer, Body } from './contract';

// bot-server's customer API as the customer pages use it; the shapes are the server's own (see
// ./contract). Fields a field rule hides are absent, masked ones come as `138****1234` and are
// listed in `fieldAccess.revealable`.

export const DETAIL_PAGE = '/pages/customers/detail';
export const EDIT_PAGE = '/pages/customers/edit';
/** A customer's 单据 (报价, 合同, 回款), a sub-package page: `?customerId=&name=`. */
export const DOCUMENTS_PAGE = '/pages/documents/index';

type Customers = Answer<'/api/customers', 'get'>;

export type CustomerView = Answer<'/api/customers/{id}', 'get'>;
export type CustomerSummary = Customers['items'][number];
export type CustomerKind = NonNullable<CustomerView['kind']>;
export type Person = NonNullable<CustomerView['owner']>;
export type FieldAccess = CustomerView['fieldAccess'];
export type Tag = NonNullable<CustomerView['tags']>[number];
export type Contact = CustomerView['contacts'][number];
export type FollowUp = Answer<'/api/customers/{id}/follow-ups', 'post', 201>;
export type FollowUpInput = Body<'/api/customers/{id}/follow-ups', 'post'>;
export type FollowUpKind = FollowUpInput['kind'];
export type Timeline = Answer<'/api/customers/{id}/timeline', 'get'>;
export type TimelineItem = Timeline['items'][number];
export type TimelineType = TimelineItem['type'];
export type CustomFieldDefinition = Answer<'/api/custom-fields', 'get'>['items'][number];
export type Stage = Answer<'/api/stages', 'get'>['items'][number];
export type Opportunities = Answer<'/api/opportunities', 'get'>;
export type Opportunity = Opportunities['items'][number];
/** The editable fields of a customer, as the edit page sends them. */
export type CustomerInput = Body<'/api/customers', 'post'>;

export const followUpKinds: { value: FollowUpKind; label: string }[] = [
  { value: 'call', label: '电话' },
  { value: 'visit', label: '拜访' },
  { value: 'wechat', label: '微信' },
  { value: 'email', label: '邮件' },
  { value: 'meeting', label: '会议' },
];

export interface CustomerFilters {
  q?: string;
  /** Mine, the pool, or one colleague's (a user id). */
  owner?: 'me' | 'pool' | number;
  tags?: number[];
  stage?: number;
  /** Custom field key → the value it must equal. */
  cf?: Record<string, string>;
}

const query = (params: Record<string, string | undefined>) => {
  const pairs = Object.entries(params).filter((pair): pair is [string, string] => pair[1] !== undefined);
  return pairs.length === 0
    ? ''
    : `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`;
};

export function listCustomers(filters: CustomerFilters, cursor?: string): Promise<Customers> {
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

export const updateCustomer = (id: number, input: Body<'/api/customers/{id}', 'patch'>) =>
  patch<CustomerView>(`/api/customers/${id}`, input);

export const addFollowUp = (customerId: number, input: FollowUpInput) =>
  post<FollowUp>(`/api/customers/${customerId}/follow-ups`, input);

export const changeOwner = (customerId: number, ownerId: number | null) =>
  put<CustomerView>(`/api/customers/${customerId}/owner`, {
    ownerId,
  } satisfies Body<'/api/customers/{id}/owner', 'put'>);

type Reveal = Body<'/api/customers/{id}/reveal', 'post'>;
export const revealField = (customerId: number, field: Reveal['field'], contactId?: number) =>
  post<Answer<'/api/customers/{id}/reveal', 'post'>>(`/api/customers/${customerId}/reveal`, {
    field,
    contactId,
  } satisfies Reveal);

export const customerOpportunities = (customerId: number) =>
  get<Opportunities>(`/api/opportunities${query({ customerId: String(customerId), limit: '50' })}`);

export const customerByExternalContact = (externalUserId: string) =>
  get<CustomerView>(`/api/customers/by-external/${encodeURIComponent(externalUserId)}`);

export const customerFromExternalContact = (externalUserId: string) =>
  post<CustomerView>('/api/customers/from-external', {
    externalUserId,
  } satisfies Body<'/api/customers/from-external', 'post'>);

/**
 * The customer's history, newest first. Until the server has the full timeline, the follow-ups of
 * the 360° view stand in for it.
 */
export async function customerTimeline(view: CustomerView, cursor?: string): Promise<Timeline> {
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
