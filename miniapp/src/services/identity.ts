import { get, post } from './api';
import type { Answer, Body } from './contract';
import { type Session, saveSession } from './session';

// bot-server's identity API (bot-server/src/api): sign-in, the profile, the JS-SDK signatures.

export type Profile = Answer<'/api/me', 'get'>;
export type Role = Profile['roles'][number];
export type DataScope = Role['scope'];

export const scopeNames: Record<DataScope, string> = {
  self: '本人',
  department: '本部门',
  department_tree: '本部门及下级',
  all: '全公司',
};

/** What the role lets the person see, e.g. 数据范围：本部门及下级（华北销售部）. */
export function scopeLine(role: Role): string {
  const anchored = role.scope === 'department' || role.scope === 'department_tree';
  const where = anchored && role.scopeDepartment ? `（${role.scopeDepartment.name}）` : '';
  return `数据范围：${scopeNames[role.scope]}${where}`;
}

async function signedIn(pending: Promise<Session>): Promise<Session> {
  const session = await pending;
  saveSession(session);
  return session;
}

export const signInWithWeCom = (code: string, kind: 'oauth' | 'miniprogram') =>
  signedIn(
    post<Session>('/api/auth/wecom', { code, kind } satisfies Body<'/api/auth/wecom', 'post'>, {
      auth: false,
    }),
  );

export const signInWithDingTalk = (code: string) =>
  signedIn(
    post<Session>('/api/auth/dingtalk', { code } satisfies Body<'/api/auth/dingtalk', 'post'>, {
      auth: false,
    }),
  );

/** The sandbox's demo users (404 when the server is not in sandbox mode). */
export const sandboxUsers = () =>
  get<Answer<'/api/auth/sandbox/users', 'get'>>('/api/auth/sandbox/users', { auth: false });

export const signInAsDemoUser = (userId: number) =>
  signedIn(
    post<Session>('/api/auth/sandbox', { userId } satisfies Body<'/api/auth/sandbox', 'post'>, {
      auth: false,
    }),
  );

export const fetchProfile = () => get<Profile>('/api/me');

/** Ends the session on the server; the caller forgets it locally whatever the answer. */
export const signOut = () => post<void>('/api/auth/logout');

export type WeComJsSdkConfig = Answer<'/api/jssdk/wecom/config', 'get'>;
export type DingTalkJsApiConfig = Answer<'/api/jssdk/dingtalk/config', 'get'>;

const withUrl = (path: string, url: string) => `${path}?url=${encodeURIComponent(url)}`;

export const wecomJsSdkConfig = (url: string) =>
  get<WeComJsSdkConfig>(withUrl('/api/jssdk/wecom/config', url), { auth: false });

export const wecomAgentConfig = (url: string) =>
  get<WeComJsSdkConfig>(withUrl('/api/jssdk/wecom/agent-config', url), { auth: false });

export const dingtalkJsApiConfig = (url: string) =>
  get<DingTalkJsApiConfig>(withUrl('/api/jssdk/dingtalk/config', url), { auth: false });
