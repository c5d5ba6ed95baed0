import type Router from '@koa/router';
import type { SandboxContext } from '../context.js';
import { queryValue } from './endpoint.js';
import { LOGIN_CODE_TTL_MS } from './identity-api.js';

// The stand-in for https://open.weixin.qq.com/connect/oauth2/authorize (doc 91022). Inside WeCom
// the client knows who is signed in; the sandbox asks, then redirects with a code that
// cgi-bin/auth/getuserinfo exchanges once, within 5 minutes. `sandbox_userid` skips the question.

const SCOPES = new Set(['snsapi_base', 'snsapi_privateinfo']);

const page = (title: string, body: string) =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title>` +
  '<style>body{font-family:"PingFang SC","Noto Sans CJK SC",sans-serif;margin:0;background:#f5f6f7;color:#1d2129}' +
  'main{max-width:420px;margin:0 auto;padding:24px}h1{font-size:18px}a{display:block;padding:12px 16px;margin:8px 0;background:#fff;border-radius:8px;color:#1d2129;text-decoration:none}' +
  'small{color:#86909c;margin-left:8px}</style></head>' +
  `<body><main><h1>${title}</h1>${body}</main></body></html>`;

export function wecomOAuthRoutes(router: Router, sb: SandboxContext): void {
  router.get('/connect/oauth2/authorize', (ctx) => {
    const q = (name: string) => queryValue(ctx, name);
    const redirect = q('redirect_uri');
    const scope = q('scope') ?? '';
    const problem =
      q('appid') !== sb.wecom.corpId
        ? 'appid 与企业 ID 不一致'
        : q('response_type') !== 'code'
          ? 'response_type 必须为 code'
          : !SCOPES.has(scope)
            ? 'scope 必须为 snsapi_base 或 snsapi_privateinfo'
            : scope === 'snsapi_privateinfo' && !q('agentid')
              ? 'snsapi_privateinfo 需要 agentid'
              : redirect === undefined || !/^https?:\/\//.test(redirect) || !URL.canParse(redirect)
                ? 'redirect_uri 不是有效的网址'
                : undefined;
    ctx.type = 'text/html; charset=utf-8';
    if (problem !== undefined || redirect === undefined) {
      ctx.status = 400;
      ctx.body = page('授权链接有误', `<p>${problem}</p>`);
      return;
    }
    const person = sb.state.org.personByWeCom(q('sandbox_userid') ?? '');
    if (person) {
      const code = sb.state.wecom.oauthCodes.issue({ userid: person.wecom.userid, scope }, LOGIN_CODE_TTL_MS);
      const target = new URL(redirect);
      target.searchParams.set('code', code);
      target.searchParams.set('state', q('state') ?? '');
      ctx.redirect(target.toString());
      return;
    }
    const links = sb.state.org.people.map((p) => {
      const choose = new URL(ctx.href);
      choose.searchParams.set('sandbox_userid', p.wecom.userid);
      return `<a href="${choose.pathname}${choose.search.replaceAll('&', '&amp;')}">${p.name}<small>${p.title}</small></a>`;
    });
    ctx.body = page('企业微信沙箱 · 选择登录身份', links.join(''));
  });
}
