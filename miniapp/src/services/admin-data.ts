import { request } from './api';
import type { Answer, Body, Page, Query } from './contract';

// The console's data settings (bot-server/src/api/custom-fields, tags, audit): custom field
// definitions, tag groups with their tags, and the audit log. Reading the first two is open to
// everyone signed in; every change, and the audit log itself, is for administrators (403 else).

export const FIELDS_PAGE = '/pages/admin/fields';
export const TAGS_PAGE = '/pages/admin/tags';
export const AUDIT_PAGE = '/pages/admin/audit';

export type FieldDefinition = Answer<'/api/custom-fields', 'get'>['items'][number];
export type FieldObject = FieldDefinition['object'];
export type FieldType = FieldDefinition['type'];
export type FieldInput = Body<'/api/custom-fields', 'post'>;
export type FieldPatch = Body<'/api/custom-fields/{id}', 'patch'>;
export type TagGroup = Answer<'/api/tag-groups', 'get'>['items'][number];
export type Tag = TagGroup['tags'][number];
export type AuditEntry = Answer<'/api/audit', 'get'>['items'][number];
export type AuditAction = AuditEntry['action'];
export type AuditQuery = Omit<Query<'/api/audit', 'get'>, 'limit' | 'cursor'>;

export const listFields = async () =>
  (await request<{ items: FieldDefinition[] }>('GET', '/api/custom-fields')).items;

export const createField = (input: FieldInput) =>
  request<FieldDefinition>('POST', '/api/custom-fields', { data: input });

export const saveField = (id: number, patch: FieldPatch) =>
  request<FieldDefinition>('PATCH', `/api/custom-fields/${id}`, { data: patch });

export const deleteField = (id: number) => request<void>('DELETE', `/api/custom-fields/${id}`);

export const listTagGroups = async () =>
  (await request<{ items: TagGroup[] }>('GET', '/api/tag-groups')).items;

export const createTagGroup = (input: Body<'/api/tag-groups', 'post'>) =>
  request<TagGroup>('POST', '/api/tag-groups', { data: input });

export const saveTagGroup = (id: number, patch: Body<'/api/tag-groups/{id}', 'patch'>) =>
  request<TagGroup>('PATCH', `/api/tag-groups/${id}`, { data: patch });

export const deleteTagGroup = (id: number) => request<void>('DELETE', `/api/tag-groups/${id}`);

export const addTag = (groupId: number, input: Body<'/api/tag-groups/{id}/tags', 'post'>) =>
  request<Tag>('POST', `/api/tag-groups/${groupId}/tags`, { data: input });

export const saveTag = (id: number, patch: Body<'/api/tags/{id}', 'patch'>) =>
  request<Tag>('PATCH', `/api/tags/${id}`, { data: patch });

/** Every group's id in the new order; answers the groups as now ordered. */
export const orderTagGroups = async (ids: number[]) =>
  (await request<{ items: TagGroup[] }>('PUT', '/api/tag-groups/order', { data: { ids } })).items;

/** Every tag of the group in the new order; answers the group. */
export const orderTags = (groupId: number, ids: number[]) =>
  request<TagGroup>('PUT', `/api/tag-groups/${groupId}/tags/order`, { data: { ids } });

export const deleteTag = (id: number) => request<void>('DELETE', `/api/tags/${id}`);

/** One page of the audit log, newest first, with only the filters that are set. */
export function auditPage(query: AuditQuery, cursor?: string) {
  const pairs = Object.entries({ ...query, cursor, limit: 30 }).filter(([, v]) => v !== undefined);
  const search = pairs.map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join('&');
  return request<Page<AuditEntry>>('GET', `/api/audit?${search}`);
}
