import type { ProbeResult } from './check.js';

// DingTalk's refusals of the access token (reference §6), said as an administrator can act on them.

export const dingtalkApp = '钉钉开发者后台 → 应用开发 → 企业内部应用 → 客联';

export function dingtalkAdvice(failure: Extract<ProbeResult, { ok: false }>): {
  detail: string;
  fix: string;
} {
  const { code, message } = failure;
  switch (code) {
    case 'invalidClientIdOrSecret':
      return {
        detail: '钉钉拒绝了应用凭证（invalidClientIdOrSecret）：Client ID 或 Client Secret 不正确。',
        fix: `${dingtalkApp} → 凭证与基础信息：核对 Client ID 与 Client Secret，填入 DINGTALK_CLIENT_ID、DINGTALK_CLIENT_SECRET 后重启客联。`,
      };
    case '60020':
      return {
        detail: '钉钉拒绝了本服务器的 IP（60020 访问 IP 不在白名单之中）。',
        fix: `${dingtalkApp} → 开发管理 → 服务器出口IP：添加服务器的公网出口 IP。`,
      };
    case 'IP_BANNED':
      return {
        detail: '本服务器的 IP 调用钉钉过于频繁，被暂时限制访问（约 5 分钟）。',
        fix: '等待 5 分钟后点 重新检查；若反复出现，检查是否有其他程序用同一出口 IP 大量调用钉钉。',
      };
    case 'NETWORK_ERROR':
      return {
        detail: `无法连接钉钉 API（${message}）。`,
        fix: '检查服务器能否访问 https://api.dingtalk.com 与 https://oapi.dingtalk.com（出站 443 端口、代理与 DNS）。',
      };
    default:
      return {
        detail: `钉钉返回错误 ${code}：${message}`,
        fix: `${dingtalkApp} → 权限管理：确认已开通 通讯录只读、互动卡片、机器人消息发送、工作通知；再点 重新检查。`,
      };
  }
}
