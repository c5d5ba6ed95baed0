// Where the app runs, from its real signals: the build target for the mini-programs, the user agent
// for h5 (WeCom's web views say `wxwork/…`, DingTalk's `DingTalk/…`, on phones and desktops alike).

export type Client = 'wecom' | 'dingtalk' | 'browser';

export function detectClient(userAgent?: string): Client {
  if (process.env.TARO_ENV === 'weapp') return 'wecom';
  if (process.env.TARO_ENV === 'dd') return 'dingtalk';
  const ua = userAgent ?? (typeof navigator === 'undefined' ? '' : navigator.userAgent);
  if (/wxwork/i.test(ua)) return 'wecom';
  if (/DingTalk/i.test(ua)) return 'dingtalk';
  return 'browser';
}

export const clientNames: Record<Client, string> = { wecom: '企业微信', dingtalk: '钉钉', browser: '浏览器' };

/** Whether this is a mini-program build rather than h5. */
export const isMiniProgram = (): boolean => process.env.TARO_ENV !== 'h5';
