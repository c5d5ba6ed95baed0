import type { RunningServer } from '../support/server.js';

/** Calls the API as the mini-app does: JSON in, JSON or problem+json out, optionally signed in. */
export function apiClient(server: RunningServer) {
  return async (
    path: string,
    options: { method?: string; body?: unknown; token?: string; headers?: Record<string, string> } = {},
  ) => {
    const res = await fetch(`${server.url}${path}`, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers: {
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
        ...options.headers,
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const text = await res.text();
    // JSON.parse is typed `any`: a test reads whatever shape the answer has.
    const body = text === '' ? undefined : JSON.parse(text);
    return { status: res.status, headers: res.headers, body };
  };
}
