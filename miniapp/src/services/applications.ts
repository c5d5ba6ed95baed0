import { get, post } from './api';
import type { ApplicationType } from './application-types';
import type { Answer, Body } from './contract';

// bot-server's /api/applications as the 申请 pages use it: the types one may apply for, 新建申请
// (written and sent through the type's flow at once) and 我的申请, whose detail is the approval page
// of the application's latest run.

export const NEW_APPLICATION_PAGE = '/pages/applications/new';

export type Application = Answer<'/api/applications/{id}', 'get'>;
export type Applications = Answer<'/api/applications', 'get'>;

/** The types taking applications (the server lists only those to whoever is no administrator). */
export const openTypes = async () =>
  (await get<{ items: ApplicationType[] }>('/api/application-types')).items.filter((t) => t.active);
export const listMine = (cursor?: string) =>
  get<Applications>(`/api/applications?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
export const apply = (input: Body<'/api/applications', 'post'>) =>
  post<Answer<'/api/applications', 'post', 201>>('/api/applications', input);
