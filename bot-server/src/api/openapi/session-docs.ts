import { z } from 'zod';
import { signInBodies as authBodies } from '../auth/routes.js';
import { sandboxPick } from '../auth/sandbox-routes.js';
import type { ApiDeps } from '../deps.js';
import { pageUrlQuery } from '../jssdk/page-url.js';
import { answers, problemSchema } from './common.js';
import type { RouteDoc } from './route-doc.js';

// The routes that came before the customers API: sign-in, the session's profile, JS-SDK signatures.
// Their bodies are the very schemas the routes validate with.
const signInBodies = { ...authBodies, sandbox: sandboxPick };

const department = z.object({ id: z.int(), name: z.string() }).nullable();
const user = z.object({ id: z.int(), name: z.string(), title: z.string().nullable(), department });
const signedIn = z.object({ token: z.string(), expiresAt: z.iso.datetime(), user });
const profile = user.extend({
  administers: z
    .boolean()
    .meta({ description: '是否可以使用管理后台（内置管理员角色或被授予管理权限的自定义角色）' }),
  roles: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      scope: z.enum(['self', 'department', 'department_tree', 'all']),
      scopeDepartment: department,
    }),
  ),
});
const wecomConfig = z.object({
  corpId: z.string(),
  agentId: z.string(),
  timestamp: z.int(),
  nonceStr: z.string(),
  signature: z.string(),
  url: z.string(),
});
const dingtalkConfig = z.object({
  corpId: z.string(),
  agentId: z.string(),
  timeStamp: z.string(),
  nonceStr: z.string(),
  signature: z.string(),
  url: z.string(),
});

const auth = { tag: '登录', signedIn: false } as const;
const jssdk = { tag: 'JS-SDK', signedIn: false } as const;
const signInAnswers = {
  200: { description: '已登录：token 用作 Authorization: Bearer', schema: signedIn },
  400: answers.invalid,
  401: { ...answers.unauthenticated, description: '登录凭证无效或已过期' },
  403: { ...answers.forbidden, description: '该成员没有开通客联账号' },
  429: {
    description: '同一网络地址登录过于频繁（每分钟次数有上限）；Retry-After 为需等待的秒数',
    schema: problemSchema,
    problem: true,
  },
};

export function sessionDocs(config: ApiDeps['config']): RouteDoc[] {
  const url = pageUrlQuery(config);
  const signature = (schema: z.ZodType) => ({
    200: { description: 'JS-SDK 配置签名', schema },
    400: answers.invalid,
    404: answers.platform,
    502: answers.platform,
    503: answers.platform,
  });
  return [
    {
      ...auth,
      method: 'post',
      path: '/auth/wecom',
      summary: '企业微信登录（OAuth code，或 wx.qy.login 的 code 配 kind=miniprogram）',
      body: signInBodies.wecom,
      answers: { ...signInAnswers, 404: answers.platform, 502: answers.platform },
    },
    {
      ...auth,
      method: 'post',
      path: '/auth/dingtalk',
      summary: '钉钉登录（免登授权码）',
      body: signInBodies.dingtalk,
      answers: { ...signInAnswers, 404: answers.platform, 502: answers.platform },
    },
    {
      ...auth,
      method: 'post',
      path: '/auth/logout',
      summary: '退出登录',
      answers: { 204: { description: '已退出' } },
    },
    ...(config.sandbox
      ? ([
          {
            ...auth,
            method: 'get',
            path: '/auth/sandbox/users',
            summary: '沙箱：可选的演示用户',
            answers: { 200: { description: '演示用户', schema: z.object({ users: z.array(user) }) } },
          },
          {
            ...auth,
            method: 'post',
            path: '/auth/sandbox',
            summary: '沙箱：以演示用户身份登录',
            body: signInBodies.sandbox,
            answers: signInAnswers,
          },
        ] satisfies RouteDoc[])
      : []),
    {
      tag: '登录',
      signedIn: true,
      method: 'get',
      path: '/me',
      summary: '当前用户、所在部门、角色与数据权限',
      answers: { 200: { description: '当前用户', schema: profile }, 401: answers.unauthenticated },
    },
    {
      ...jssdk,
      method: 'get',
      path: '/jssdk/wecom/config',
      summary: '企业微信 ww.register 的企业签名',
      query: url,
      answers: signature(wecomConfig),
    },
    {
      ...jssdk,
      method: 'get',
      path: '/jssdk/wecom/agent-config',
      summary: '企业微信 ww.register 的应用签名',
      query: url,
      answers: signature(wecomConfig),
    },
    {
      ...jssdk,
      method: 'get',
      path: '/jssdk/dingtalk/config',
      summary: '钉钉 dd.config 签名',
      query: url,
      answers: signature(dingtalkConfig),
    },
  ];
}
