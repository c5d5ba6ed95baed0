import { vi } from 'vitest';
import { contractErrors } from './contract';

// bot-server's /api as the page sees it through fetch: each route answers a status and a body,
// and each answer is held against the server's contract (./contract.ts): a fixed answer when the
// fake is set up, a computed one when it is given (reported after the test, test/setup.ts).

export type Route = (request: { body: unknown; headers: Record<string, string> }) => [number, unknown];

export interface Call {
  method: string;
  path: string;
  body: unknown;
  headers: Record<string, string>;
}

const disagreements: string[] = [];

/** What computed answers disagreed with the contract since the last call, and forgets them. */
export const takeDisagreements = () => disagreements.splice(0);

/** A problem as the server's error middleware completes it: with the request's path and id. */
function asServerSends(path: string, status: number, answer: unknown): unknown {
  if (status < 400 || typeof answer !== 'object' || answer === null || !('type' in answer)) return answer;
  return { instance: path, requestId: 'test-request', ...answer };
}

function disagreement(key: string, status: number, answer: unknown): string[] {
  const [method = '', path = ''] = key.split(' ');
  return contractErrors(method, path, status, answer);
}

export function fakeApi(routes: Record<string, Route | [number, unknown]>) {
  const fixed = Object.entries(routes).flatMap(([key, route]) =>
    typeof route === 'function' ? [] : disagreement(key, route[0], asServerSends(key, route[0], route[1])),
  );
  if (fixed.length > 0) throw new Error(`fixtures disagree with the server's contract:\n${fixed.join('\n')}`);
  const calls: Call[] = [];
  const fetch = vi.fn(async (url: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    const path = url.split('?')[0] ?? url;
    const headers = (init.headers ?? {}) as Record<string, string>;
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    calls.push({ method, path: url, body, headers });
    const route = routes[`${method} ${path}`];
    if (!route) return new Response(JSON.stringify({ title: '请求的地址不存在' }), { status: 404 });
    const [status, given] = typeof route === 'function' ? route({ body, headers }) : route;
    const answer = asServerSends(path, status, given);
    if (typeof route === 'function') disagreements.push(...disagreement(`${method} ${path}`, status, answer));
    return new Response(answer === undefined ? null : JSON.stringify(answer), {
      status,
      headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetch);
  return { calls, fetch };
}

export const problem = (status: number, code: string, title: string): [number, unknown] => [
  status,
  { type: `urn:kelian:problem:${code}`, title, status },
];

export const zhangWei = {
  id: 4,
  name: '张伟',
  title: '销售经理',
  department: { id: 2, name: '华北销售部' },
};

export const signIn = (user = zhangWei): [number, unknown] => [
  200,
  { token: `token-${user.id}`, expiresAt: '2999-01-01T00:00:00.000Z', user },
];

export function storeSession(user = zhangWei) {
  const session = { token: `token-${user.id}`, expiresAt: '2999-01-01T00:00:00.000Z', user };
  localStorage.setItem('kelian.session', JSON.stringify({ data: session }));
}

export const storedSession = () => {
  const raw = localStorage.getItem('kelian.session');
  return raw === null ? null : (JSON.parse(raw) as { data: { token: string; user: { name: string } } }).data;
};

export function userAgent(value: string) {
  Object.defineProperty(window.navigator, 'userAgent', { value, configurable: true });
}

export const agents = {
  browser:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36',
  wecom:
    'Mozilla/5.0 (iPhone) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 wxwork/4.1.30 MicroMessenger/7.0.1',
  dingtalk:
    'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36 AliApp(DingTalk/7.6.0)',
};

export const last = <T>(items: T[]): T | undefined => items[items.length - 1];
