// One classifier for every answer DingTalk gives: the new API's HTTP 4xx/5xx `{code,message}`, the
// old API's HTTP 200 `{errcode,errmsg,sub_code}`, and the per-IP ban that answers with HTML or
// `{"status":1111,"punish":"deny"}` instead of a JSON error.

export type Json = Record<string, unknown>;

export type ApiOutcome =
  | { kind: 'ok'; data: Json }
  /** Refresh the access token once and retry. */
  | { kind: 'token_invalid'; code: string; message: string }
  /** QPS limits and "system busy": retry with backoff. */
  | { kind: 'retry'; code: string; message: string }
  | { kind: 'error'; code: string; message: string; status: number; requestId?: string };

// Old API: 40014 invalid token (often as sub_code under errcode 88), 42001 expired, 40001 invalid credential.
const OLD_TOKEN_INVALID = new Set(['40014', '42001', '40001']);
// 90018 per-app-per-API QPS, 90002 global per-API QPS, -1 system busy.
const OLD_RETRY = new Set(['90018', '90002', '-1']);
const NEW_RETRY = new Set([
  'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi',
  'Forbidden.AccessDenied.QpsLimitForApi',
  'system.busy',
]);
// 待办 (platform-additions §5): a lock on the sourceId held by a concurrent create, or a system error.
const TODO_RETRY = /^todo\.\w+\.(lockError|systemError)$/;

function str(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

export function classifyResponse(status: number, body: string): ApiOutcome {
  let parsed: unknown;
  try {
    parsed = body === '' ? {} : JSON.parse(body);
  } catch {
    // The per-IP ban answers with an HTML page; nothing else DingTalk sends is not JSON.
    return /<html|<!doctype/i.test(body)
      ? {
          kind: 'error',
          code: 'IP_BANNED',
          message: 'DingTalk answered with HTML: the server IP is throttled',
          status,
        }
      : { kind: 'error', code: 'BAD_RESPONSE', message: 'non-JSON body', status };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { kind: 'error', code: 'BAD_RESPONSE', message: 'non-object body', status };
  }
  const data = parsed as Json;
  if (data.status === 1111 || data.punish === 'deny') {
    return {
      kind: 'error',
      code: 'IP_BANNED',
      message: 'the server IP is throttled for five minutes',
      status,
    };
  }
  const errcode = str(data.errcode);
  if (errcode !== undefined && errcode !== '0') {
    // errcode 88 is a wrapper; the real reason is the string sub_code.
    const code = str(data.sub_code) || errcode;
    const message = str(data.sub_msg) || str(data.errmsg) || '';
    if (OLD_TOKEN_INVALID.has(code) || OLD_TOKEN_INVALID.has(errcode))
      return { kind: 'token_invalid', code, message };
    if (OLD_RETRY.has(code) || OLD_RETRY.has(errcode)) return { kind: 'retry', code, message };
    return { kind: 'error', code, message, status };
  }
  if (status >= 200 && status < 300) return { kind: 'ok', data };
  const code = str(data.code) ?? `HTTP_${status}`;
  const message = str(data.message) ?? '';
  const requestId = str(data.requestid) ?? str(data.requestId);
  if (code === 'InvalidAuthentication') return { kind: 'token_invalid', code, message };
  if (NEW_RETRY.has(code) || TODO_RETRY.test(code) || status === 429) return { kind: 'retry', code, message };
  return { kind: 'error', code, message, status, ...(requestId ? { requestId } : {}) };
}
