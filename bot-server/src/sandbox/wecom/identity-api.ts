import { randomBytes } from 'node:crypto';
import type Router from '@koa/router';
import type { SandboxContext } from '../context.js';
import { randomAlnum } from '../state/ids.js';
import { wecomEndpoint } from './endpoint.js';
import { WeComError } from './errors.js';

// Credentials and identity: gettoken, the OAuth code exchange, the JS-SDK tickets and the
// mini-program login (§4.4, §6).

const TOKEN_TTL_MS = 7200_000;
export const LOGIN_CODE_TTL_MS = 5 * 60_000;

export function wecomIdentityRoutes(router: Router, sb: SandboxContext): void {
  const { wecom } = sb.state;
  const authed = { token: true, baseLimit: true };

  router.get(
    '/gettoken',
    wecomEndpoint(sb, 'gettoken', { token: false, baseLimit: true }, ({ query }) => {
      const corpid = query('corpid');
      const secret = query('corpsecret');
      if (!corpid) throw new WeComError(41002);
      if (!secret) throw new WeComError(41004);
      if (corpid !== sb.wecom.corpId) throw new WeComError(40013);
      if (secret !== sb.wecom.secret) throw new WeComError(40001);
      const { token, expiresInSec } = wecom.tokens.issue(corpid, TOKEN_TTL_MS, false);
      return { access_token: token, expires_in: expiresInSec };
    }),
  );

  // A valid code is exempt from the rate limits (§4.2).
  router.get(
    '/auth/getuserinfo',
    wecomEndpoint(sb, 'auth/getuserinfo', { token: true, baseLimit: false }, ({ query }) => {
      const code = query('code');
      if (!code) throw new WeComError(41008);
      const redeemed = wecom.oauthCodes.redeem(code);
      if (!redeemed.ok) throw new WeComError(40029, `code is ${redeemed.reason}`);
      const { userid, scope } = redeemed.value;
      return scope === 'snsapi_privateinfo'
        ? { userid, user_ticket: randomAlnum(64), expires_in: 1800 }
        : { userid };
    }),
  );

  router.get(
    '/get_jsapi_ticket',
    wecomEndpoint(sb, 'get_jsapi_ticket', authed, () => {
      const { token, expiresInSec } = wecom.tickets.issue('corp', TOKEN_TTL_MS, false);
      return { ticket: token, expires_in: expiresInSec };
    }),
  );

  router.get(
    '/ticket/get',
    wecomEndpoint(sb, 'ticket/get', authed, ({ query }) => {
      if (query('type') !== 'agent_config') throw new WeComError(91040);
      const { token, expiresInSec } = wecom.tickets.issue(`agent:${sb.wecom.agentId}`, TOKEN_TTL_MS, false);
      return { ticket: token, expires_in: expiresInSec };
    }),
  );

  router.get(
    '/miniprogram/jscode2session',
    wecomEndpoint(sb, 'miniprogram/jscode2session', authed, ({ query }) => {
      const code = query('js_code');
      if (!code) throw new WeComError(41008);
      if (query('grant_type') !== 'authorization_code') {
        throw new WeComError(40058, 'grant_type must be authorization_code');
      }
      const redeemed = wecom.miniProgramCodes.redeem(code);
      if (!redeemed.ok) throw new WeComError(40029, `js_code is ${redeemed.reason}`);
      return {
        corpid: sb.wecom.corpId,
        userid: redeemed.value.userid,
        session_key: randomBytes(16).toString('base64'),
      };
    }),
  );
}
