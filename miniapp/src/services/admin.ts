import { request } from './api';
import type { Answer, Body, Page, Query } from './contract';

// The administrator's console API (bot-server/src/api/roles): people with their roles, the roles
// with their rules, the words the editor offers, and the preview of a role's unsaved rules. Every
// route refuses non-administrators with 403 (`admin-only`).

export const ROLES_PAGE = '/pages/admin/roles';
export const CHECKLIST_PAGE = '/pages/admin/checklist';

export type Person = Answer<'/api/admin/users', 'get'>['items'][number];
export type PersonRole = Person['roles'][number];
export type Role = Answer<'/api/roles', 'get'>['items'][number];
export type RoleInput = Body<'/api/roles', 'post'>;
export type Scope = Role['defaultScope'];
export type Department = Answer<'/api/admin/departments', 'get'>['items'][number];
export type Vocabulary = Answer<'/api/roles/vocabulary', 'get'>;
export type PreviewInput = Body<'/api/roles/preview', 'post'>;
export type Preview = Answer<'/api/roles/preview', 'post'>;
export type PeopleQuery = Omit<Query<'/api/admin/users', 'get'>, 'limit' | 'cursor'>;

/** The query string of a people search, leaving out what is not asked. */
function queryOf(query: PeopleQuery, cursor?: string): string {
  const pairs = Object.entries({ ...query, cursor }).filter(([, v]) => v !== undefined && v !== '');
  return pairs.map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join('&');
}

export const listPeople = (query: PeopleQuery, cursor?: string) =>
  request<Page<Person>>('GET', `/api/admin/users?${queryOf(query, cursor)}`);

export const listRoles = async () => (await request<{ items: Role[] }>('GET', '/api/roles')).items;

/** The org tree, each department after its parent. */
export const listDepartments = async () =>
  (await request<{ items: Department[] }>('GET', '/api/admin/departments')).items;

export const roleVocabulary = () => request<Vocabulary>('GET', '/api/roles/vocabulary');

export const createRole = (input: RoleInput) => request<Role>('POST', '/api/roles', { data: input });

export const saveRole = (id: number, input: Body<'/api/roles/{id}', 'patch'>) =>
  request<Role>('PATCH', `/api/roles/${id}`, { data: input });

export const deleteRole = (id: number) => request<void>('DELETE', `/api/roles/${id}`);

export const assignRole = (
  userId: number,
  roleId: number,
  body: Body<'/api/admin/users/{id}/roles/{roleId}', 'put'>,
) => request<Person>('PUT', `/api/admin/users/${userId}/roles/${roleId}`, { data: body });

export const removeRole = (userId: number, roleId: number) =>
  request<Person>('DELETE', `/api/admin/users/${userId}/roles/${roleId}`);

export const previewRole = (input: PreviewInput) =>
  request<Preview>('POST', '/api/roles/preview', { data: input });

// The going-live checklist and the org sync (bot-server/src/api/admin).

export type Checklist = Answer<'/api/admin/checklist', 'get'>;
export type Check = Checklist['checks'][number];
export type OrgSync = Answer<'/api/admin/org-sync', 'get'>['items'][number];
export type OrgSyncRun = NonNullable<OrgSync['latest']>;

export const goLiveChecklist = () => request<Checklist>('GET', '/api/admin/checklist');

export const orgSyncStatus = async () =>
  (await request<{ items: OrgSync[] }>('GET', '/api/admin/org-sync')).items;

/** 立即同步: refused with 409 `org-sync-running` while a sync is queued or running. */
export const runOrgSync = () => request<{ items: OrgSyncRun[] }>('POST', '/api/admin/org-sync/run');
