import { formatDateTime } from '@kelian/cards';
import { PlatformSignalSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { requireAdministration } from '../access/policy.js';
import { utcOffsetMinutes } from '../followups/local-time.js';
import { latestOrgSyncs } from '../org/sync-runs.js';
import { administratorCount, noAdministratorText } from '../roles/administrators.js';
import type { Check, ProbeResult } from './check.js';
import { dingtalkAdvice, dingtalkApp } from './dingtalk-advice.js';
import { orgSyncCheck } from './org-sync-check.js';
import { wecomAdvice } from './wecom-advice.js';

// The going-live checklist (issue 19): everything that can be checked live, checked now, each with
// what to do when it is not right. Administrators only, like every console page.

export interface ChecklistInput {
  /** Where people and the platforms reach Kelian (PUBLIC_URL, or the server's own address). */
  publicUrl: string;
  timeZone: string;
  wecom?: { token(): Promise<ProbeResult> };
  dingtalk?: {
    token(): Promise<ProbeResult>;
    /** Undefined in HTTP mode (no Stream connection to check). */
    streamConnected: boolean | undefined;
    cardTemplateId: string;
  };
}

export async function goLiveChecklist(
  em: EntityManager,
  acting: Acting,
  input: ChecklistInput,
): Promise<Check[]> {
  requireAdministration(acting, 'goLive');
  const when = (at: Date) => shownAt(at, input.timeZone);
  const platforms = [
    ...(input.wecom ? (['wecom'] as const) : []),
    ...(input.dingtalk ? (['dingtalk'] as const) : []),
  ];
  const [wecomToken, dingtalkToken, syncs, administrators] = await Promise.all([
    input.wecom?.token(),
    input.dingtalk?.token(),
    latestOrgSyncs(em, platforms),
    administratorCount(em),
  ]);
  const checks: Check[] = [publicUrlCheck(input.publicUrl), administratorsCheck(administrators)];
  if (input.wecom && wecomToken) {
    checks.push(await wecomCallbackCheck(em, input.publicUrl, when));
    checks.push(tokenCheck('wecom', '企业微信', wecomToken, wecomAdvice));
  }
  if (input.dingtalk && dingtalkToken) {
    checks.push(tokenCheck('dingtalk', '钉钉', dingtalkToken, dingtalkAdvice));
    if (input.dingtalk.streamConnected !== undefined)
      checks.push(streamCheck(input.dingtalk.streamConnected));
    checks.push(await cardTemplateCheck(em, input.dingtalk.cardTemplateId, when));
  }
  for (const sync of syncs) checks.push(orgSyncCheck(sync, when));
  return checks;
}

/** A moment as an administrator reads it on their clock: 2026-12-06 15:04. */
const shownAt = (at: Date, timeZone: string): string => formatDateTime(at, utcOffsetMinutes(at, timeZone));

function publicUrlCheck(publicUrl: string): Check {
  const base = { id: 'public-url', platform: null, title: '公网地址使用 HTTPS' } as const;
  if (publicUrl.startsWith('https://'))
    return { ...base, status: 'ok', detail: `客联的公网地址是 ${publicUrl}`, fix: null };
  return {
    ...base,
    status: 'fail',
    detail: `客联的公网地址是 ${publicUrl}，不是 HTTPS：企业微信、钉钉的回调和应用内网页都要求 HTTPS。`,
    fix: '为客联配置 HTTPS 域名（反向代理或负载均衡上配置证书），把 PUBLIC_URL 设为 https://你的域名 后重启客联。',
  };
}

// The checklist is itself an administrator's page, so who reads it administers: the line also warns
// about a lone administrator, after whose leaving nobody could hand out roles.
function administratorsCheck(count: number): Check {
  const base = { id: 'administrators', platform: null, title: '已设置管理员' } as const;
  if (count === 0)
    return {
      ...base,
      status: 'fail',
      detail: '还没有任何人是客联管理员，没有人能为同事分配角色。',
      fix: noAdministratorText,
    };
  if (count === 1)
    return {
      ...base,
      status: 'warn',
      detail: '只有 1 位管理员：他离职或无法登录时，没有人能为同事分配角色。',
      fix: '管理后台 → 成员：再为一位同事分配 管理员 角色。',
    };
  return { ...base, status: 'ok', detail: `共有 ${count} 位管理员`, fix: null };
}

async function wecomCallbackCheck(
  em: EntityManager,
  publicUrl: string,
  when: (at: Date) => string,
): Promise<Check> {
  const base = { id: 'wecom.callback', platform: 'wecom', title: '企业微信回调地址已通过验证' } as const;
  const signals = await em.find(PlatformSignalSchema, {
    key: { $in: ['wecom.url-verified', 'wecom.callback'] },
  });
  const at = (key: string) => signals.find((s) => s.key === key)?.at;
  const verified = at('wecom.url-verified');
  const callback = at('wecom.callback');
  if (verified || callback) {
    const lines = [
      ...(verified ? [`URL 验证已通过 ${when(verified)}`] : []),
      ...(callback ? [`最近一次收到回调 ${when(callback)}`] : []),
    ];
    return { ...base, status: 'ok', detail: lines.join('；'), fix: null };
  }
  return {
    ...base,
    status: 'warn',
    detail: '尚未收到企业微信的回调验证：没有回调，机器人收不到消息，卡片按钮也无法点击。',
    fix: `企业微信管理后台 → 应用管理 → 自建 → 客联 → 接收消息 → 设置API接收：URL 填 ${publicUrl}/wecom/callback，Token 与 EncodingAESKey 填与 WECOM_TOKEN、WECOM_ENCODING_AES_KEY 相同的值，点 保存（企业微信会立即验证）。`,
  };
}

function tokenCheck(
  platform: 'wecom' | 'dingtalk',
  name: string,
  result: ProbeResult,
  advice: (failure: Extract<ProbeResult, { ok: false }>) => { detail: string; fix: string },
): Check {
  const base = { id: `${platform}.token`, platform, title: `能获取${name}访问凭证` };
  if (result.ok) return { ...base, status: 'ok', detail: `刚刚向${name}获取访问凭证成功`, fix: null };
  return { ...base, status: 'fail', ...advice(result) };
}

function streamCheck(connected: boolean): Check {
  const base = { id: 'dingtalk.stream', platform: 'dingtalk', title: '钉钉 Stream 长连接已建立' } as const;
  if (connected)
    return {
      ...base,
      status: 'ok',
      detail: '与钉钉的 Stream 连接正常，机器人消息、卡片点击和通讯录变更都能收到',
      fix: null,
    };
  return {
    ...base,
    status: 'fail',
    detail: '与钉钉的 Stream 连接断开，客联正在自动重连；断开期间收不到机器人消息和卡片点击。',
    fix: `${dingtalkApp} → 添加应用能力 → 机器人：消息接收模式选 Stream 模式；事件订阅 → 推送方式选 Stream 模式；并确认服务器能访问 api.dingtalk.com 与 wss-open-connection.dingtalk.com（出站 443）。`,
  };
}

async function cardTemplateCheck(
  em: EntityManager,
  templateId: string,
  when: (at: Date) => string,
): Promise<Check> {
  const base = {
    id: 'dingtalk.card-template',
    platform: 'dingtalk',
    title: '钉钉卡片模板已设置并被接受',
  } as const;
  const fix = `钉钉开发者后台 → 卡片平台（open-dev.dingtalk.com/fe/card）→ 导入客联的卡片模板，发布并关联到 客联 应用，把模板 ID 填入 DINGTALK_CARD_TEMPLATE_ID 后重启客联。`;
  if (templateId === '')
    return { ...base, status: 'fail', detail: '没有设置卡片模板 ID（DINGTALK_CARD_TEMPLATE_ID）。', fix };
  // The card platform has no "does this template exist" call: the last card DingTalk answered says it.
  const [last] = await em.getConnection().execute<{ state: string; last_error: string | null; at: Date }[]>(
    `select state, last_error, coalesce(sent_at, created_at) as at from outbound_message
      where platform = 'dingtalk' and card_id is not null and (state = 'sent' or last_error is not null)
      order by id desc limit 1`,
  );
  if (last?.last_error && /param\.template(NotExist|Unpublished)/.test(last.last_error))
    return {
      ...base,
      status: 'fail',
      detail: `钉钉不接受卡片模板 ${templateId}（${when(new Date(last.at))} 发送卡片时：模板不存在或未发布），卡片只能以普通消息发出。`,
      fix,
    };
  if (last?.state === 'sent')
    return {
      ...base,
      status: 'ok',
      detail: `模板 ${templateId}，最近一次卡片发送成功于 ${when(new Date(last.at))}`,
      fix: null,
    };
  return {
    ...base,
    status: 'warn',
    detail: `已设置模板 ${templateId}，但还没有发送过卡片，暂时无法确认钉钉接受它。`,
    fix: '在钉钉里给客联机器人发送“帮助”或录入一条线索，收到卡片后点 重新检查。',
  };
}
