import Taro from '@tarojs/taro';
import { SDK_TIMEOUT_MS, withTimeout } from './timeout';

// Login codes in the mini-programs, from the host's global: `wx.qy.login` in WeCom (weapp build),
// `dd.getAuthCode` in DingTalk (dd build). Each branch exists only in its own build.

interface Callbacks<T> {
  success(result: T): void;
  fail(error: unknown): void;
}

interface WeComHost {
  login(options: Callbacks<{ code: string }>): void;
  getCurExternalContact?(options: Callbacks<{ userId: string }>): void;
}

declare const wx: { qy?: WeComHost } | undefined;
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

/**
 * WeCom mini-program opened from the chat toolbar: the chat's external contact (wx.qy, reference
 * wecom.md §7). Outside a one-to-one chat with a customer WeCom answers "without context".
 */
export function wecomMiniProgramExternalContact(): Promise<string> {
  if (process.env.TARO_ENV !== 'weapp') return Promise.reject(new NotInClientError('仅企业微信小程序支持'));
  return externalContactOf(typeof wx === 'undefined' ? undefined : wx.qy);
}

/** getCurExternalContact on the given wx.qy, against the clock; exported for tests. */
export function externalContactOf(qy: WeComHost | undefined): Promise<string> {
  const ask = qy?.getCurExternalContact;
  if (!qy || !ask) {
    return Promise.reject(new NotInClientError('请在企业微信里，从与客户单聊的聊天工具栏打开客联'));
  }
  return withTimeout(
    new Promise<string>((resolve, reject) => {
      ask.call(qy, {
        success: ({ userId }) => resolve(userId),
        fail: (error) => {
          const message = (error as { errMsg?: string } | null)?.errMsg ?? '';
          reject(
            /without context/.test(message)
              ? new NotInClientError('当前聊天不是与客户的单聊')
              : new Error(`企业微信无法识别当前客户（${message || '未知错误'}）`),
          );
        },
      });
    }),
    SDK_TIMEOUT_MS,
    '企业微信没有返回当前聊天的客户',
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
