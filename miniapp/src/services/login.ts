import { ApiError, messageOf } from './api';
import { type Client, clientNames, detectClient } from './client';
import {
  dingtalkJsApiConfig,
  sandboxUsers,
  signInAsDemoUser,
  signInWithDingTalk,
  signInWithWeCom,
  wecomAgentConfig,
  wecomJsSdkConfig,
} from './identity';
import { dingtalkMiniProgramCode, NotInClientError, wecomMiniProgramCode } from './mini';
import { dingtalkAuthCode, pageUrl, redirectToWeComOAuth, registerWeCom, takeOAuthReturn } from './sdk';
import type { Session, SessionUser } from './session';
import { TimeoutError } from './timeout';

// Login in every context the app runs in (reference wecom.md §6, dingtalk.md §7):
//   weapp (WeCom mini-program)      wx.qy.login → POST /api/auth/wecom {kind: 'miniprogram'}
//   dd (DingTalk mini-program)      dd.getAuthCode → POST /api/auth/dingtalk
//   h5 inside WeCom (UA wxwork)     OAuth snsapi_base redirect → ?code → POST /api/auth/wecom
//   h5 inside DingTalk (UA DingTalk) requestAuthCode({corpId}) → POST /api/auth/dingtalk
//   h5 in a plain browser           the sandbox's demo-user picker, or "open it in WeCom / DingTalk"

export type LoginStep =
  | { kind: 'signed-in'; session: Session; back?: string }
  | { kind: 'pick'; users: SessionUser[] }
  | { kind: 'redirecting' }
  | { kind: 'unsupported'; title: string; detail: string }
  | { kind: 'failed'; title: string; detail?: string };

/** Where WeCom's OAuth page lives (…/connect/oauth2/authorize is appended). */
export const wecomOAuthBase = process.env.TARO_APP_WECOM_OAUTH_BASE || 'https://open.weixin.qq.com';

/** `back`: the page to reopen after WeCom's OAuth redirect (which loses the page's route). */
export async function startLogin(client: Client = detectClient(), back?: string): Promise<LoginStep> {
  try {
    if (process.env.TARO_ENV === 'weapp')
      return signedIn(await signInWithWeCom(await wecomMiniProgramCode(), 'miniprogram'));
    if (process.env.TARO_ENV === 'dd')
      return signedIn(await signInWithDingTalk(await dingtalkMiniProgramCode()));
    if (client === 'wecom') return await wecomWebLogin(back);
    if (client === 'dingtalk')
      return signedIn(await signInWithDingTalk(await dingtalkAuthCode(await dingtalkCorpId())));
    return await demoUsers();
  } catch (error) {
    return failure(error, client);
  }
}

export async function loginAsDemoUser(userId: number): Promise<LoginStep> {
  try {
    return signedIn(await signInAsDemoUser(userId));
  } catch (error) {
    return failure(error, 'browser');
  }
}

/**
 * Registers the WeCom JS-SDK with the server's signatures (h5 inside WeCom only), so that later
 * pages (the chat sidebar) can call the client. Never blocks the page; failures only reach the log.
 */
export async function connectWeComSdk(): Promise<void> {
  if (process.env.TARO_ENV !== 'h5' || detectClient() !== 'wecom') return;
  try {
    const here = pageUrl();
    const config = await wecomJsSdkConfig(here);
    await registerWeCom({
      corpId: config.corpId,
      agentId: config.agentId,
      getConfigSignature: async (url) => (url === here ? config : await wecomJsSdkConfig(url)),
      getAgentConfigSignature: (url) => wecomAgentConfig(url),
    });
  } catch (error) {
    console.warn('WeCom JS-SDK registration failed', error);
  }
}

async function wecomWebLogin(route?: string): Promise<LoginStep> {
  const back = takeOAuthReturn();
  if (back) {
    if (!back.stateMatches) {
      return {
        kind: 'failed',
        title: '登录校验未通过',
        detail: '这个登录链接已失效或不是从本页面发起的，请重新登录。',
      };
    }
    const session = await signInWithWeCom(back.code, 'oauth');
    void connectWeComSdk();
    return { ...signedIn(session), ...(back.back ? { back: back.back } : {}) };
  }
  const { corpId, agentId } = await wecomJsSdkConfig(pageUrl());
  redirectToWeComOAuth(wecomOAuthBase, corpId, agentId, route);
  return { kind: 'redirecting' };
}

async function dingtalkCorpId(): Promise<string> {
  return (await dingtalkJsApiConfig(pageUrl())).corpId;
}

async function demoUsers(): Promise<LoginStep> {
  try {
    const { users } = await sandboxUsers();
    if (users.length === 0) {
      return { kind: 'failed', title: '演示环境里还没有用户', detail: '请先同步通讯录或载入演示数据。' };
    }
    return { kind: 'pick', users };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      return {
        kind: 'unsupported',
        title: '请在企业微信或钉钉中打开客联',
        detail:
          '客联通过企业微信或钉钉确认你的身份。请在手机或电脑上的企业微信、钉钉工作台里打开「客联」应用。',
      };
    }
    throw error;
  }
}

const signedIn = (session: Session): LoginStep => ({ kind: 'signed-in', session });

function failure(error: unknown, client: Client): LoginStep {
  if (error instanceof NotInClientError) {
    return { kind: 'unsupported', title: `请在${clientNames[client]}中打开客联`, detail: error.message };
  }
  if (error instanceof TimeoutError) {
    return {
      kind: 'failed',
      title: error.message,
      detail: `可能是网络较慢或${clientNames[client]}版本过旧。请重试；仍不行请关闭页面后重新打开。`,
    };
  }
  return { kind: 'failed', title: messageOf(error) };
}
