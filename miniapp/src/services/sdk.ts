// The chat clients' web SDKs and the browser's address bar exist only in the h5 build, which
// resolves './sdk' to sdk.h5.ts. The mini-program builds (weapp, dd) resolve to this stub, so
// neither SDK lands in their bundles; they log in through their own globals (mini.ts).

import { NotInClientError, wecomMiniProgramExternalContact } from './mini';

export interface JsSdkSignature {
  timestamp: number | string;
  nonceStr: string;
  signature: string;
}

export interface WeComRegistration {
  corpId: string;
  agentId: number | string;
  getConfigSignature(url: string): Promise<JsSdkSignature>;
  getAgentConfigSignature(url: string): Promise<JsSdkSignature>;
}

export interface OAuthReturn {
  code: string;
  /** Whether `state` is the one this tab sent out with the redirect. */
  stateMatches: boolean;
  /** The page that sent the person to log in (the chat sidebar), to open again. */
  back?: string;
}

const h5Only = () => new Error('仅 H5 页面支持此操作');

/**
 * Drops a #fragment the hash router cannot route, before the router starts: after WeCom's OAuth
 * the page comes back as /app/?code=…#wechat_redirect (redirects keep the authorize URL's hash).
 */
export function tidyLandingUrl(): void {}

/** The page's address without its #fragment, as the platforms sign it. */
export function pageUrl(): string {
  return '';
}

/** A WeCom OAuth code the page was reopened with, taken out of the address bar. */
export function takeOAuthReturn(): OAuthReturn | null {
  return null;
}

export function redirectToWeComOAuth(
  _base: string,
  _corpId: string,
  _agentId: number | string,
  _back?: string,
): void {
  throw h5Only();
}

export async function registerWeCom(_registration: WeComRegistration): Promise<void> {
  throw h5Only();
}

export async function dingtalkAuthCode(_corpId: string): Promise<string> {
  throw h5Only();
}

/**
 * The WeCom external contact (`external_userid`) of the chat the page is open beside: what the
 * chat sidebar shows. The WeCom mini-program asks wx.qy; DingTalk has no such sidebar.
 */
export async function currentExternalContact(): Promise<string> {
  if (process.env.TARO_ENV === 'weapp') return wecomMiniProgramExternalContact();
  throw new NotInClientError('客户侧边栏只能在企业微信的聊天工具栏中打开');
}
