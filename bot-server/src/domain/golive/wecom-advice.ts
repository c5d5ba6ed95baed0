import type { ProbeResult } from './check.js';

// WeCom's refusals of gettoken and its other calls (errcode table, doc 90313), said as an
// administrator can act on them: what is wrong and where in 企业微信管理后台 to put it right.

const app = '企业微信管理后台 → 应用管理 → 自建 → 客联';

/** The egress address WeCom saw, as its 60020 message names it ("…, from ip: 203.0.113.7, …"). */
export const fromIp = (message: string): string | undefined =>
  /from ip: ?([0-9a-fA-F.:]+)/.exec(message)?.[1];

export function wecomAdvice(failure: Extract<ProbeResult, { ok: false }>): { detail: string; fix: string } {
  const { code, message } = failure;
  switch (code) {
    case '60020': {
      const ip = fromIp(message);
      return {
        detail: `企业微信拒绝了来自${ip ? ` ${ip} ` : '本服务器'}的调用（60020 不安全的访问IP）：服务器出口 IP 不在应用的企业可信IP中。`,
        fix: `${app} → 开发者接口 → 企业可信IP → 配置：添加 ${ip ?? '服务器的公网出口 IP'}，保存后点 重新检查。`,
      };
    }
    case '40001':
      return {
        detail: '企业微信拒绝了应用 Secret（40001 invalid credential）：Secret 填错了，或已在后台重置。',
        fix: `${app} → Secret → 查看（发送到管理员的企业微信），把它填入 WECOM_SECRET 后重启客联。`,
      };
    case '40013':
      return {
        detail: '企业微信不认识这个企业ID（40013 invalid corpid）。',
        fix: '企业微信管理后台 → 我的企业 → 企业信息 → 企业ID：填入 WECOM_CORP_ID 后重启客联。',
      };
    case '48002':
      return {
        detail: '应用没有调用这个接口的权限（48002 API 无权限调用）。',
        fix: `${app} → 可见范围：包含需要使用客联的部门；客户联系 → API → 可调用接口的应用：添加 客联。`,
      };
    case '60011':
      return {
        detail: '应用看不到通讯录中的成员或部门（60011 无权限）。',
        fix: `${app} → 可见范围：设为全公司或需要使用客联的部门。`,
      };
    case 'unreachable':
      return {
        detail: `无法连接企业微信 API（${message}）。`,
        fix: '检查服务器能否访问 https://qyapi.weixin.qq.com（出站 443 端口、代理与 DNS）。',
      };
    default:
      return {
        detail: `企业微信返回错误 ${code}：${message}`,
        fix: `在 https://open.work.weixin.qq.com/devtool/query?e=${code} 查询该错误码的处理方法。`,
      };
  }
}
