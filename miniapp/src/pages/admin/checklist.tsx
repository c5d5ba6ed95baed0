import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { Problem, Waiting } from '../../components/states';
import { type Check, goLiveChecklist, orgSyncStatus } from '../../services/admin';
import { messageOf } from '../../services/api';
import { shortTime } from './checklist-format';
import { ConsoleFrame } from './console-frame';
import { OrgSyncBlock, syncing } from './org-sync-block';
import { useAdminLoad } from './use-admin-load';
import './checklist.css';

// 上线检查: what the server checked just now (callback, credentials, Stream, card template, org sync,
// HTTPS, administrators), each with what to do in which console; 重新检查 checks again. Beside it
// (below on a phone) the org sync with 立即同步.

async function load() {
  const [checklist, syncs] = await Promise.all([goLiveChecklist(), orgSyncStatus()]);
  return { checklist, syncs };
}

const marks = { ok: '✓', warn: '!', fail: '✕' } as const;
const statusNames = { ok: '通过', warn: '需注意', fail: '未通过' } as const;
const platformNames = { wecom: '企业微信', dingtalk: '钉钉' } as const;

/** How often the page asks again while a sync it started is still running. */
const pollMs = 2000;

export default function AdminChecklistPage() {
  const setup = useAdminLoad(load);
  const [rechecking, setRechecking] = useState(false);
  const [recheckError, setRecheckError] = useState<string | null>(null);
  const data = setup.data;

  const recheck = async () => {
    setRechecking(true);
    setRecheckError(null);
    try {
      setup.setData(await load());
    } catch (e) {
      setRecheckError(messageOf(e));
    } finally {
      setRechecking(false);
    }
  };

  // A sync in progress: ask again until it ends, then check everything again (its line changes).
  const running = data ? syncing(data.syncs) : false;
  // biome-ignore lint/correctness/useExhaustiveDependencies: recheck reads the latest state itself
  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(async () => {
      const syncs = await orgSyncStatus().catch(() => null);
      if (!syncs || !data) return;
      if (syncing(syncs)) setup.setData({ ...data, syncs });
      else void recheck();
    }, pollMs);
    return () => clearTimeout(timer);
  }, [running, data]);

  return (
    <ConsoleFrame current="checklist" refused={setup.refused}>
      {setup.error ? (
        <Problem title="上线检查加载失败" detail={setup.error} onAction={setup.reload} />
      ) : !data ? (
        <Waiting title="正在检查…" detail="正在向企业微信、钉钉确认配置，通常几秒钟" />
      ) : (
        <View className="golive">
          <View className="golive__main">
            <View className="k-card golive-summary">
              <View className="golive-summary__text">
                <Text className="golive-summary__title">{headline(data.checklist.checks)}</Text>
                <Text className="admin-card__hint">
                  检查于 {shortTime(data.checklist.checkedAt)} · {counts(data.checklist.checks)}
                </Text>
              </View>
              <Button
                type="primary"
                size="small"
                loading={rechecking}
                disabled={rechecking}
                onClick={recheck}
              >
                重新检查
              </Button>
            </View>
            {recheckError ? <Text className="golive-error">重新检查失败：{recheckError}</Text> : null}
            {data.checklist.checks.map((check) => (
              <CheckRow key={check.id} check={check} />
            ))}
          </View>
          <View className="golive__side">
            <OrgSyncBlock items={data.syncs} onChanged={(syncs) => setup.setData({ ...data, syncs })} />
          </View>
        </View>
      )}
    </ConsoleFrame>
  );
}

function headline(checks: Check[]): string {
  const failed = checks.filter((c) => c.status === 'fail').length;
  if (failed > 0) return `还有 ${failed} 项需要处理后才能上线`;
  if (checks.some((c) => c.status === 'warn')) return '可以上线，有几项建议处理';
  return '全部通过，可以上线';
}

function counts(checks: Check[]): string {
  return (['ok', 'warn', 'fail'] as const)
    .map((s) => [s, checks.filter((c) => c.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${statusNames[s]} ${n} 项`)
    .join('，');
}

function CheckRow({ check }: { check: Check }) {
  return (
    <View className={`k-card golive-check golive-check--${check.status}`}>
      <Text className={`golive-mark golive-mark--${check.status}`} aria-label={statusNames[check.status]}>
        {marks[check.status]}
      </Text>
      <View className="golive-check__body">
        <View className="golive-check__top">
          <Text className="golive-check__title">{check.title}</Text>
          {check.platform ? <Text className="admin-badge">{platformNames[check.platform]}</Text> : null}
        </View>
        <Text className="golive-check__detail">{check.detail}</Text>
        {check.fix ? (
          <View className="golive-fix">
            <Text className="golive-fix__label">怎样处理</Text>
            <Text className="golive-fix__text">{check.fix}</Text>
          </View>
        ) : null}
      </View>
    </View>
  );
}
