import Taro from '@tarojs/taro';
import { SDK_TIMEOUT_MS, withTimeout } from './timeout';

// Login codes in the mini-programs, from the host's global: `wx.qy.login` in WeCom (weapp build),
// `dd.getAuthCode` in DingTalk (dd build). Each branch exists only in its own build.

interface Callbacks<T> {
  success(result: T): void;
  fail(error: unknown): void;
}

declare const wx: { qy?: { login(options: Callbacks<{ code: string }>): void } } | undefined;
declare const dd:
  | { getAuthCode(options: { corpId?: string } & Callbacks<{ authCode: string }>): void }
  | undefined;

export class NotInClientError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotInClientError';
  }
}

/** WeCom mini-program: a code for cgi-bin/miniprogram/jscode2session (reference wecom.md §6.4). */
export function wecomMiniProgramCode(): Promise<string> {
  if (process.env.TARO_ENV !== 'weapp') return Promise.reject(new NotInClientError('仅企业微信小程序支持'));
  const qy = typeof wx === 'undefined' ? undefined : wx.qy;
  if (!qy) {
    return Promise.reject(new NotInClientError('请在企业微信中打开客联小程序（微信中无法登录）'));
  }
  return withTimeout(
    new Promise<string>((resolve, reject) => {
      qy.login({ success: ({ code }) => resolve(code), fail: reject });
    }),
    SDK_TIMEOUT_MS,
    '企业微信没有返回登录凭证',
  );
}

/** DingTalk mini-program: an auth code for topapi/v2/user/getuserinfo (reference dingtalk.md §7.3). */
export function dingtalkMiniProgramCode(): Promise<string> {
  if (process.env.TARO_ENV !== 'dd') return Promise.reject(new NotInClientError('仅钉钉小程序支持'));
  if (typeof dd === 'undefined') return Promise.reject(new NotInClientError('请在钉钉中打开客联小程序'));
  const host = dd;
  const corpId = launchCorpId();
  return withTimeout(
    new Promise<string>((resolve, reject) => {
      host.getAuthCode({
        ...(corpId ? { corpId } : {}),
        success: ({ authCode }) => resolve(authCode),
        fail: reject,
      });
    }),
    SDK_TIMEOUT_MS,
    '钉钉没有返回登录凭证',
  );
}

/** DingTalk passes the corp to a mini-program whose home page is opened with `?corpId=$CORPID$`. */
function launchCorpId(): string | undefined {
  try {
    const corpId = Taro.getLaunchOptionsSync().query?.corpId;
    return typeof corpId === 'string' && corpId !== '' ? corpId : undefined;
  } catch {
    return undefined;
  }
}
