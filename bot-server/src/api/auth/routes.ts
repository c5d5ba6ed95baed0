import type Router from '@koa/router';
import { z } from 'zod';
import { revokeSession } from '../../domain/auth/sessions.js';
import { signInWithPlatform } from '../../domain/auth/sign-in.js';
import type { PlatformName } from '../../domain/org/platform-name.js';
import { parseInput } from '../../http/validate.js';
import type { ApiContext, ApiDeps, ApiState } from '../deps.js';
import { presentSignIn } from '../present.js';
import { noAccount, platformNotConfigured } from '../problems.js';
import { dingtalkUserIdOf, wecomUserIdOf } from './code-exchange.js';

// Login with what the platform client hands the page: POST /api/auth/wecom (an OAuth code, or a
// wx.qy.login code with kind 'miniprogram'), POST /api/auth/dingtalk (an auth code from
// requestAuthCode / dd.getAuthCode), and POST /api/auth/logout.

// Platform codes are at most 512 bytes (WeCom §6.1); DingTalk's are shorter.
const code = z
  .string({ error: '缺少登录凭证 code' })
  .trim()
  .min(1, '缺少登录凭证 code')
  .max(512, '登录凭证 code 过长');

/** The sign-in bodies, validated here and described in the OpenAPI document. */
export const signInBodies = {
  wecom: z.object({
    code,
    kind: z.enum(['oauth', 'miniprogram'], { error: 'kind 只能是 oauth 或 miniprogram' }).default('oauth'),
  }),
  dingtalk: z.object({ code }),
};

export function authRoutes(router: Router<ApiState>, { orm, platforms }: ApiDeps): void {
  const signIn = async (ctx: ApiContext, platform: PlatformName, platformUserId: string) => {
    const signedIn = await signInWithPlatform(orm.em, platform, platformUserId);
    if (!signedIn) throw noAccount();
    ctx.state.log.info({ userId: signedIn.user.id, via: platform }, 'signed in');
    ctx.body = presentSignIn(signedIn);
  };

  router.post('/auth/wecom', async (ctx) => {
    const client = platforms.wecomClient();
    if (!client) throw platformNotConfigured('wecom');
    const body = parseInput(signInBodies.wecom, ctx.request.body);
    await signIn(ctx, 'wecom', await wecomUserIdOf(client, body.code, body.kind, ctx.state.log));
  });

  router.post('/auth/dingtalk', async (ctx) => {
    const client = platforms.dingtalkClient();
    if (!client) throw platformNotConfigured('dingtalk');
    const body = parseInput(signInBodies.dingtalk, ctx.request.body);
    await signIn(ctx, 'dingtalk', await dingtalkUserIdOf(client, body.code, ctx.state.log));
  });

  // Idempotent: logging out twice, or with a session that already ended, is still a logout.
  router.post('/auth/logout', async (ctx) => {
    if (ctx.state.token !== undefined) await revokeSession(orm.em, ctx.state.token);
    ctx.status = 204;
  });
}
