import { Problem } from '../http/problem.js';
import type { SandboxContext } from './context.js';
import { type DingTalkPersonActions, dingtalkPersonActions } from './dingtalk/person.js';
import type { StreamGateway } from './dingtalk/stream-gateway.js';
import type { Platform } from './state/messages.js';
import { LOGIN_CODE_TTL_MS } from './wecom/identity-api.js';
import { type WeComPersonActions, wecomPersonActions } from './wecom/person.js';

// What a person does in the sandbox: the /sandbox page and the tests call these. Each one reaches
// Kelian's server exactly as the real platform would reach it.

export interface SandboxActions extends WeComPersonActions, DingTalkPersonActions {
  /**
   * A login code for `user`, as the client would hand it to a page or mini-program: WeCom
   * `oauth` (H5, for auth/getuserinfo) or `miniprogram` (wx.qy.login, for jscode2session);
   * DingTalk requestAuthCode (for topapi/v2/user/getuserinfo). Single use, 5 minutes.
   */
  issueLoginCode(input: { platform: Platform; user: string; kind?: 'oauth' | 'miniprogram' }): string;
}

export function createActions(sb: SandboxContext, gateway: StreamGateway): SandboxActions {
  const { org, wecom, dingtalk } = sb.state;
  return {
    ...wecomPersonActions(sb),
    ...dingtalkPersonActions(sb, gateway),
    issueLoginCode({ platform, user, kind = 'oauth' }) {
      const person = platform === 'wecom' ? org.personByWeCom(user) : org.personByDingTalk(user);
      if (!person) throw new Problem(404, 'sandbox-user-not-found', '沙箱中没有这位成员', user);
      if (platform === 'dingtalk') return dingtalk.authCodes.issue({ userid: user }, LOGIN_CODE_TTL_MS);
      return kind === 'miniprogram'
        ? wecom.miniProgramCodes.issue({ userid: user }, LOGIN_CODE_TTL_MS)
        : wecom.oauthCodes.issue({ userid: user, scope: 'snsapi_base' }, LOGIN_CODE_TTL_MS);
    },
  };
}
