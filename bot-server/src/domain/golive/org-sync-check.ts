import type { PlatformName } from '../org/platform-name.js';
import type { OrgSyncStatus } from '../org/sync-runs.js';
import type { Check, ProbeResult } from './check.js';
import { dingtalkAdvice } from './dingtalk-advice.js';
import { wecomAdvice } from './wecom-advice.js';

// The org sync's line on the checklist: when it last ran, what it brought in, and why it failed.

const names: Record<PlatformName, string> = { wecom: '企业微信', dingtalk: '钉钉' };

type Counts = Partial<Record<'created' | 'linked' | 'updated' | 'unlinked' | 'deactivated', number>>;

/** "新增 3，更新 1" of a sync report's counts, leaving out what did not happen. */
export function countsText(counts: Counts | undefined): string {
  const words = {
    created: '新增',
    linked: '关联',
    updated: '更新',
    unlinked: '解除关联',
    deactivated: '停用',
  };
  const parts = Object.entries(words)
    .filter(([k]) => (counts?.[k as keyof Counts] ?? 0) > 0)
    .map(([k, w]) => `${w} ${counts?.[k as keyof Counts]}`);
  return parts.length > 0 ? parts.join('，') : '无变化';
}

/**
 * The platform's refusal inside a failed sync's recorded error, as the platform layer words it
 * (`WeCom department/list failed: errcode 60011 (…)`, `topapi/v2/user/list: 60011 …`).
 */
function refusalIn(platform: PlatformName, error: string): Extract<ProbeResult, { ok: false }> | undefined {
  const found =
    platform === 'wecom' ? /errcode (-?\d+) \((.*)\)$/s.exec(error) : /^[^:\s]+: (\S+) (.*)$/s.exec(error);
  return found ? { ok: false, code: found[1]!, message: found[2]! } : undefined;
}

const adviceFor = { wecom: wecomAdvice, dingtalk: dingtalkAdvice };

export function orgSyncCheck(sync: OrgSyncStatus, when: (at: Date) => string): Check {
  const name = names[sync.platform];
  const base = { id: `org-sync.${sync.platform}`, platform: sync.platform, title: `${name}通讯录已同步` };
  const { latest, lastSucceeded } = sync;
  const fix = `先处理上面${name}的访问凭证问题，再在下方点 立即同步。`;
  if (!latest)
    return { ...base, status: 'warn', detail: `还没有同步过${name}通讯录。`, fix: '在下方点 立即同步。' };
  if (latest.outcome === 'queued' || latest.outcome === 'running')
    return {
      ...base,
      status: 'warn',
      detail: `${name}通讯录正在同步（${when(latest.requestedAt)} 开始）…`,
      fix: '稍候点 重新检查。',
    };
  if (latest.outcome === 'failed') {
    const refusal = latest.error ? refusalIn(sync.platform, latest.error) : undefined;
    const advised = refusal && `${adviceFor[sync.platform](refusal).fix} 然后点 立即同步。`;
    const before = lastSucceeded?.finishedAt ? `；上次成功同步于 ${when(lastSucceeded.finishedAt)}` : '';
    return {
      ...base,
      status: 'fail',
      detail: `${when(latest.finishedAt ?? latest.requestedAt)} 同步失败：${latest.error ?? '未知原因'}${before}`,
      fix: advised ?? fix,
    };
  }
  const report = (latest.report ?? {}) as { users?: Counts; departments?: Counts };
  return {
    ...base,
    status: 'ok',
    detail: `${when(latest.finishedAt ?? latest.requestedAt)} 同步成功，共 ${sync.linked.users} 人、${sync.linked.departments} 个部门；本次人员${countsText(report.users)}，部门${countsText(report.departments)}`,
    fix: null,
  };
}
