import type Router from '@koa/router';
import { z } from 'zod';
import { sandboxBaseUrls } from '../../sandbox/index.js';
import type { ApiDeps, ApiState } from '../deps.js';
import type { RouteDoc } from '../openapi/route-doc.js';

// GET /api/auth/options: how this deployment signs people in, before anyone has a session, so the
// mini-app's H5 build knows which platforms exist (and where WeCom's OAuth page is) instead of
// guessing from 404s.

export const authOptions = z.object({
  sandbox: z.boolean().meta({ description: '沙箱模式：可在普通浏览器中选择演示用户登录' }),
  wecom: z
    .object({
      corpId: z.string(),
      agentId: z.string(),
      oauthBase: z.string().optional().meta({
        description:
          'OAuth 页面所在地址（其后接 /connect/oauth2/authorize）；缺省为 https://open.weixin.qq.com',
      }),
    })
    .nullable()
    .meta({ description: 'null：未接入企业微信' }),
  dingtalk: z
    .object({ corpId: z.string(), clientId: z.string() })
    .nullable()
    .meta({ description: 'null：未接入钉钉，或未配置 DINGTALK_CORP_ID（网页免登需要）' }),
});

export const authOptionsDoc: RouteDoc = {
  method: 'get',
  path: '/auth/options',
  tag: '登录',
  signedIn: false,
  summary: '登录方式：是否沙箱，接入了哪些平台及其登录参数',
  answers: { 200: { description: '登录方式', schema: authOptions } },
};

export function authOptionsRoutes(router: Router<ApiState>, { config }: ApiDeps): void {
  router.get('/auth/options', (ctx) => {
    const { wecom, dingtalk } = config;
    // In sandbox mode this very server plays WeCom's OAuth page, unless a WeCom API base says where.
    const oauthBase = config.sandbox
      ? (wecom?.apiBase ??
        sandboxBaseUrls(config.publicUrl ?? `${ctx.protocol}://${ctx.host}`).wecomOAuthBase)
      : undefined;
    ctx.body = {
      sandbox: config.sandbox,
      wecom: wecom ? { corpId: wecom.corpId, agentId: wecom.agentId, ...(oauthBase && { oauthBase }) } : null,
      dingtalk: dingtalk?.corpId ? { corpId: dingtalk.corpId, clientId: dingtalk.clientId } : null,
    } satisfies z.input<typeof authOptions>;
  });
}
