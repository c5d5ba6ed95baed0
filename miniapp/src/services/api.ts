import Taro from '@tarojs/taro';
import { type Answer, type Exchange, TransportError } from './exchange';
import { clearSession, loadSession } from './session';
import { send } from './transport';

// The one way the pages talk to bot-server's /api. Errors come back as RFC 9457 problem details
// with a Chinese `title` for people and a stable `type` for code; a 401 on a signed-in request
// ends the session and sends the person back to the login page.

export const LOGIN_PAGE = '/pages/login/index';
export const HOME_PAGE = '/pages/home/index';
export const SIDEBAR_PAGE = '/pages/sidebar/index';
/** The admin console's first page (成员), opened from 我的. */
export const ADMIN_PAGE = '/pages/admin/users';
/** 我的申请 (its sub-package's own module would otherwise come into the main package with 我的). */
export const APPLICATIONS_PAGE = '/pages/applications/index';

/**
 * A page of this app to return to after login (`?back=`), with the record it shows (`?id=7`, for a
 * card's link); anything else is ignored. The h5 router hands query parameters over still
 * percent-encoded, the mini-programs decoded.
 */
export function returnRoute(route: string | null | undefined): string | undefined {
  const path = route?.startsWith('%2F') ? decodeURIComponent(route) : route;
  return path && /^\/pages\/[\w-]+\/[\w-]+(\?id=\d+)?$/.test(path) ? path : undefined;
}

/** The login page, coming back to `route` once signed in. */
export const loginPageFor = (route: string) => `${LOGIN_PAGE}?back=${encodeURIComponent(route)}`;

/** '' on h5 (same origin as the page); the server's https address on the mini-programs. */
export const apiBase = (process.env.TARO_APP_API_BASE ?? '').replace(/\/+$/, '');

const REQUEST_TIMEOUT_MS = 15_000;

export interface FieldProblem {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when no answer came (offline, timeout). */
    readonly status: number,
    /** The problem's code, e.g. `unauthenticated` from `urn:kelian:problem:unauthenticated`. */
    readonly code: string,
    /** Chinese, for the person. */
    readonly title: string,
    readonly errors: FieldProblem[] = [],
    /** The whole problem body, for problems that carry more (e.g. a 409's `duplicates`). */
    readonly body: Record<string, unknown> = {},
  ) {
    super(title);
    this.name = 'ApiError';
  }
}

interface Options {
  data?: unknown;
  /** Send the session's token (default). Login calls do not. */
  auth?: boolean;
  /** A file's bytes (a Blob or ArrayBuffer as `data`) go as application/octet-stream. */
  binary?: boolean;
  timeout?: number;
}

type Method = Exchange['method'];

export async function request<T>(
  method: Method,
  path: string,
  { data, auth = true, binary = false, timeout = REQUEST_TIMEOUT_MS }: Options = {},
): Promise<T> {
  if (process.env.TARO_ENV !== 'h5' && apiBase === '') {
    throw new ApiError(0, 'no-api-base', '小程序未配置服务器地址（TARO_APP_API_BASE），请联系管理员');
  }
  const header: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (data !== undefined) header['Content-Type'] = binary ? 'application/octet-stream' : 'application/json';
  const session = auth ? loadSession() : null;
  if (session) header.Authorization = `Bearer ${session.token}`;

  let response: Answer;
  try {
    response = await send({ url: `${apiBase}${path}`, method, header, data, timeout });
  } catch (error) {
    const timedOut = error instanceof TransportError && error.reason === 'timeout';
    throw new ApiError(
      0,
      'network',
      timedOut ? '服务器响应超时，请稍后重试' : '网络连接失败，请检查网络后重试',
    );
  }

  const { statusCode } = response;
  if (statusCode >= 200 && statusCode < 300) return response.data as T;
  const problem = asProblem(response.data);
  // A page's requests fail together; only the first to learn the session is gone sends the person
  // to 登录 (two reLaunch calls in a row leave two login pages stacked in h5).
  if (statusCode === 401 && auth && (!session || loadSession()?.token === session.token)) backToLogin();
  throw new ApiError(
    statusCode,
    problem.code ?? `http-${statusCode}`,
    problem.title ?? fallbackTitle(statusCode),
    problem.errors,
    problem.body,
  );
}

let leaving: Promise<unknown> | null = null;
function backToLogin() {
  clearSession();
  if (leaving) return;
  leaving = Taro.reLaunch({ url: LOGIN_PAGE }).finally(() => {
    leaving = null;
  });
}

export const get = <T>(path: string, options?: Omit<Options, 'data'>) => request<T>('GET', path, options);
export const post = <T>(path: string, data?: unknown, options?: Omit<Options, 'data'>) =>
  request<T>('POST', path, { ...options, data: data ?? {} });
export const patch = <T>(path: string, data: unknown) => request<T>('PATCH', path, { data });
export const put = <T>(path: string, data: unknown) => request<T>('PUT', path, { data });

/** What to show for any error a page catches. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.title;
  if (error instanceof Error && /[\u4e00-\u9fff]/.test(error.message)) return error.message;
  return '出了点问题，请稍后重试';
}

function asProblem(body: unknown): {
  code?: string;
  title?: string;
  errors?: FieldProblem[];
  body?: Record<string, unknown>;
} {
  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return {};
    }
  }
  if (typeof value !== 'object' || value === null) return {};
  const p = value as { type?: unknown; title?: unknown; errors?: unknown };
  return {
    code: typeof p.type === 'string' ? p.type.replace(/^urn:kelian:problem:/, '') : undefined,
    title: typeof p.title === 'string' && p.title !== '' ? p.title : undefined,
    errors: Array.isArray(p.errors) ? (p.errors as FieldProblem[]) : undefined,
    body: value as Record<string, unknown>,
  };
}

function fallbackTitle(status: number): string {
  if (status === 401) return '请先登录';
  if (status === 403) return '你没有权限执行此操作';
  if (status === 404) return '请求的内容不存在';
  if (status >= 500) return '服务器暂时无法处理，请稍后重试';
  return '请求失败，请稍后重试';
}
