import { returnRoute } from './api';
import { detectClient } from './client';
import { NotInClientError } from './mini';
import type * as Contract from './sdk';
import type { OAuthReturn, WeComRegistration } from './sdk';
import { SDK_TIMEOUT_MS, withTimeout } from './timeout';

// h5 only (see sdk.ts). Each SDK is loaded when first needed, into a chunk of its own, and only
// inside its client: the pages of a plain browser never download either.

const STATE_KEY = 'kelian.oauth.state';

/** Leaving the page, kept apart so that tests can watch it (jsdom cannot navigate). */
export const navigation = {
  leave(url: string): void {
    window.location.replace(url);
  },
};

export function tidyLandingUrl(): void {
  const { hash, pathname, search } = window.location;
  if (hash !== '' && !hash.startsWith('#/')) window.history.replaceState(null, '', `${pathname}${search}`);
}

export function pageUrl(): string {
  return window.location.href.split('#')[0] ?? '';
}

export function takeOAuthReturn(): OAuthReturn | null {
  const url = new URL(window.location.href);
  const code = url.searchParams.get('code');
  if (code === null) return null;
  const expected = sessionStorage.getItem(STATE_KEY);
  sessionStorage.removeItem(STATE_KEY);
  const stateMatches = expected !== null && url.searchParams.get('state') === expected;
  const back = returnRoute(url.searchParams.get('back'));
  // A code is single-use: a reload must not send it again, nor may it linger in the history.
  for (const name of ['code', 'state', 'back']) url.searchParams.delete(name);
  window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
  return { code, stateMatches, ...(back ? { back } : {}) };
}

/**
 * Leaves the page for WeCom's OAuth (snsapi_base: silent, no consent screen). WeCom comes back to
 * this page without its #fragment, with ?code=…&state=… added (reference wecom.md §6.1). The hash
 * route is lost on the way, so the page to return to (`route`, the chat sidebar) rides along in the
 * redirect address as ?back=; the state check keeps anyone else from choosing it.
 */
export function redirectToWeComOAuth(
  base: string,
  corpId: string,
  agentId: number | string,
  route?: string,
): void {
  const state = randomState();
  sessionStorage.setItem(STATE_KEY, state);
  const page = `${window.location.origin}${window.location.pathname}`;
  const back = route ? `${page}?back=${encodeURIComponent(route)}` : page;
  const query = [
    `appid=${encodeURIComponent(corpId)}`,
    `redirect_uri=${encodeURIComponent(back)}`,
    'response_type=code',
    'scope=snsapi_base',
    `state=${state}`,
    `agentid=${encodeURIComponent(String(agentId))}`,
  ].join('&');
  navigation.leave(`${base.replace(/\/+$/, '')}/connect/oauth2/authorize?${query}#wechat_redirect`);
}

/** ww.register with the server's signatures; the WeCom client asks for them when it needs them. */
export async function registerWeCom(registration: WeComRegistration): Promise<void> {
  const { registerWeComSdk } = await withTimeout(
    import('./sdk-wecom.h5'),
    SDK_TIMEOUT_MS,
    '企业微信 JS-SDK 加载超时',
  );
  registerWeComSdk(registration);
}

/** A DingTalk login code (five minutes, single use) from the client around the page. */
export async function dingtalkAuthCode(corpId: string): Promise<string> {
  const { requestDingTalkAuthCode } = await withTimeout(
    import('./sdk-dingtalk.h5'),
    SDK_TIMEOUT_MS,
    '钉钉登录组件加载超时',
  );
  const { code } = await withTimeout(requestDingTalkAuthCode(corpId), SDK_TIMEOUT_MS, '钉钉没有返回登录凭证');
  return code;
}

/**
 * Inside WeCom: ww.getCurExternalContact. In the sandbox, whose /sandbox page shows this page in a
 * frame beside an external contact's chat and plays the WeCom client, the same question goes to that
 * page: only a frame of our own origin may answer, so no other site can choose the customer shown.
 */
export async function currentExternalContact(): Promise<string> {
  if (detectClient() === 'wecom') {
    const { externalContactOfChat } = await withTimeout(
      import('./sdk-wecom.h5'),
      SDK_TIMEOUT_MS,
      '企业微信 JS-SDK 加载超时',
    );
    return withTimeout(externalContactOfChat(), SDK_TIMEOUT_MS, '企业微信没有返回当前聊天的客户');
  }
  if (window.parent !== window) return askSandboxClient();
  throw new NotInClientError('请在企业微信里，从与客户单聊的聊天工具栏打开客联侧边栏');
}

/** The sandbox page's stand-in for the WeCom client's answer (bot-server/public/sandbox). */
function askSandboxClient(): Promise<string> {
  let listen: (event: MessageEvent) => void = () => {};
  const answer = new Promise<string>((resolve, reject) => {
    listen = (event) => {
      const data = event.data as { kelian?: string; userId?: string } | null;
      if (event.origin !== window.location.origin || event.source !== window.parent) return;
      if (data?.kelian !== 'getCurExternalContact') return;
      if (data.userId) resolve(data.userId);
      else reject(new NotInClientError('当前聊天不是与客户的单聊'));
    };
    window.addEventListener('message', listen);
    window.parent.postMessage({ kelian: 'getCurExternalContact' }, window.location.origin);
  });
  return withTimeout(answer, SDK_TIMEOUT_MS, '没有收到当前聊天的客户').finally(() =>
    window.removeEventListener('message', listen),
  );
}

function randomState(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

// The h5 build resolves './sdk' to this file: it must offer what the stub offers.
({
  tidyLandingUrl,
  pageUrl,
  takeOAuthReturn,
  redirectToWeComOAuth,
  registerWeCom,
  dingtalkAuthCode,
  currentExternalContact,
}) satisfies typeof Contract;
