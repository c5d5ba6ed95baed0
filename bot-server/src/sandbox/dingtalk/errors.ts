import type { DingTalkFailure } from '../state/switches.js';

// DingTalk's two error shapes (reference §6): the new API answers HTTP 4xx/5xx with
// {code, message, requestid}; the old oapi answers HTTP 200 with {errcode, errmsg}, where errcode
// 88 wraps the real reason in the string sub_code.

/** A new-API (api.dingtalk.com) failure. */
export class DingTalkApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DingTalkApiError';
  }
}

/** An oapi (oapi.dingtalk.com) failure. */
export class OapiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    readonly subCode?: string,
  ) {
    super(errmsg);
    this.name = 'OapiError';
  }
}

/** The per-IP ban: not a JSON error but an HTML page (new API) or a `punish` object (oapi). */
export class IpBanned extends Error {}

type Shape = {
  api: [status: number, code: string, message: string];
  oapi: [errcode: number, errmsg: string, subCode?: string];
};

const failures: Record<Exclude<DingTalkFailure, 'ip_banned'>, Shape> = {
  token_invalid: {
    api: [400, 'InvalidAuthentication', '不合法的access_token'],
    oapi: [88, '不合法的access_token', '40014'],
  },
  token_expired: {
    api: [400, 'InvalidAuthentication', 'access_token已过期'],
    oapi: [88, 'access_token已过期', '42001'],
  },
  qps_app: {
    api: [403, 'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi', '应用调用该接口的并发量超过限制'],
    oapi: [90018, '应用调用该接口的并发量超过限制'],
  },
  qps_api: {
    api: [403, 'Forbidden.AccessDenied.QpsLimitForApi', '该接口的全局并发量超过限制'],
    oapi: [90002, '该接口的全局并发量超过限制'],
  },
  busy: { api: [500, 'system.busy', '系统繁忙'], oapi: [-1, '系统繁忙'] },
  no_permission: {
    api: [403, 'Forbidden.AccessDenied.AccessTokenPermissionDenied', '没有调用该接口的权限'],
    oapi: [60011, '没有调用该接口的权限'],
  },
  api_count_limit: {
    api: [403, 'Forbidden.AccessDenied.ApiCountLimitForOrg', '企业调用该接口的次数已达本月上限'],
    oapi: [90020, '企业调用该接口的次数已达本月上限'],
  },
};

/** The named failure in the shape of the host the call went to. */
export function failureError(failure: DingTalkFailure, host: 'api' | 'oapi'): Error {
  if (failure === 'ip_banned') return new IpBanned();
  const shape = failures[failure];
  return host === 'api' ? new DingTalkApiError(...shape.api) : new OapiError(...shape.oapi);
}
