import type { PlatformName } from '../domain/org/platform-name.js';
import { Problem } from '../http/problem.js';

// The API's own problems: the `type` is what the mini-app branches on, the title what it shows.

const platformLabels: Record<PlatformName, string> = { wecom: '企业微信', dingtalk: '钉钉' };

export const unauthenticated = () => new Problem(401, 'unauthenticated', '请先登录');

/** The platform refused the login code: spent, expired (5 min) or never issued. */
export const invalidLoginCode = () =>
  new Problem(401, 'invalid-login-code', '登录凭证无效或已过期，请重新进入应用');

/** The platform knows the person; Kelian has no active user for them. */
export const noAccount = (detail?: string) =>
  new Problem(403, 'no-account', '你还没有开通客联账号，请联系管理员', detail);

export const platformNotConfigured = (platform: PlatformName) =>
  new Problem(404, 'platform-not-configured', `客联尚未接入${platformLabels[platform]}`);

/** A setting the platform needs is missing; the administrator, not the user, can fix it. */
export const platformMisconfigured = (platform: PlatformName, detail: string) =>
  new Problem(
    503,
    'platform-misconfigured',
    `${platformLabels[platform]}的接入配置不完整，请联系管理员`,
    detail,
  );

/** The platform did not answer, or answered with something other than a verdict on the input. */
export const platformUnavailable = (platform: PlatformName) =>
  new Problem(502, 'platform-unavailable', `${platformLabels[platform]}暂时无法访问，请稍后重试`);
