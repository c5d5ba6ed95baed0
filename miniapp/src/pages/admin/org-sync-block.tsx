import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { type OrgSync, type OrgSyncRun, orgSyncStatus, runOrgSync } from '../../services/admin';
import { shortTime } from './checklist-format';
import { useChange } from './use-change';

// 通讯录同步: per platform, how the last sync went and what Kelian holds of the directory, with
// 立即同步. While a sync is queued or running the button waits, and the block asks again until it ends.

const platformNames = { wecom: '企业微信', dingtalk: '钉钉' } as const;
const outcomeNames = { queued: '排队中', running: '同步中', succeeded: '成功', failed: '失败' } as const;

const counts = (run: OrgSyncRun, what: 'users' | 'departments'): string => {
  const c = (run.report?.[what] ?? {}) as Record<string, number>;
  const words = { created: '新增', updated: '更新', deactivated: '停用' } as const;
  const parts = Object.entries(words)
    .filter(([k]) => (c[k] ?? 0) > 0)
    .map(([k, w]) => `${w} ${c[k]}`);
  return parts.length > 0 ? parts.join('、') : '无变化';
};

export const syncing = (items: OrgSync[]) =>
  items.some((i) => i.latest?.outcome === 'queued' || i.latest?.outcome === 'running');

interface Props {
  items: OrgSync[];
  onChanged(items: OrgSync[]): void;
}

export function OrgSyncBlock({ items, onChanged }: Props) {
  const change = useChange('未能同步');
  const busy = change.busy || syncing(items);
  const run = () =>
    change.run(async () => {
      await runOrgSync();
      onChanged(await orgSyncStatus());
    });
  return (
    <View className="k-card golive-sync">
      <View className="golive-sync__head">
        <Text className="admin-card__title">通讯录同步</Text>
        <Button type="primary" size="small" loading={busy} disabled={busy} onClick={run}>
          {busy ? '同步中…' : '立即同步'}
        </Button>
      </View>
      <Text className="admin-card__hint">
        每晚 02:30 自动同步一次；通讯录有变动时也会随时同步变动的人员。
      </Text>
      {items.length === 0 ? <Text className="admin-muted">尚未接入企业微信或钉钉。</Text> : null}
      {items.map((item) => (
        <View key={item.platform} className="golive-sync__platform">
          <View className="golive-sync__line">
            <Text className="golive-sync__name">{platformNames[item.platform]}</Text>
            {item.latest ? (
              <Text className={`golive-outcome golive-outcome--${item.latest.outcome}`}>
                {outcomeNames[item.latest.outcome]}
              </Text>
            ) : (
              <Text className="golive-outcome">未同步</Text>
            )}
          </View>
          <Text className="golive-sync__meta">
            共 {item.linked.users} 人 · {item.linked.departments} 个部门
          </Text>
          {item.latest ? <RunLines run={item.latest} /> : null}
          {item.latest?.outcome === 'failed' && item.lastSucceeded?.finishedAt ? (
            <Text className="golive-sync__meta">上次成功：{shortTime(item.lastSucceeded.finishedAt)}</Text>
          ) : null}
        </View>
      ))}
    </View>
  );
}

function RunLines({ run }: { run: OrgSyncRun }) {
  const who = run.requestedBy ? `${run.requestedBy.name} 手动同步` : '自动同步';
  return (
    <>
      <Text className="golive-sync__meta">
        最近一次：{shortTime(run.finishedAt ?? run.startedAt ?? run.requestedAt)} · {who}
      </Text>
      {run.outcome === 'succeeded' ? (
        <Text className="golive-sync__meta">
          人员{counts(run, 'users')}，部门{counts(run, 'departments')}
        </Text>
      ) : null}
      {run.outcome === 'failed' && run.error ? <Text className="golive-sync__error">{run.error}</Text> : null}
    </>
  );
}
