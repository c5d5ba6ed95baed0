import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Problem, Waiting } from '../../components/states';
import { listPeople } from '../../services/admin';
import { type AuditEntry, type AuditQuery, auditPage } from '../../services/admin-data';
import { messageOf } from '../../services/api';
import { AuditEntryCard } from './audit-entry';
import { type AuditFilter, AuditFilters } from './audit-filters';
import { periodRange } from './audit-period';
import { ConsoleFrame } from './console-frame';
import { useAdminLoad } from './use-admin-load';
import './data.css';

// 操作日志: who changed what and when, newest first, page by page, each entry with its fields'
// values before → after. Only administrators read it (the server refuses everyone else).

/** Names for the people ids the entries hold (owners, collaborators). */
const peopleNames = async () =>
  new Map((await listPeople({})).items.map((p) => [p.id, p.name] as [number, string]));

const queryOf = (filter: AuditFilter): AuditQuery => ({
  ...(filter.actor ? { actor: filter.actor.id } : {}),
  ...(filter.objectType ? { objectType: filter.objectType } : {}),
  ...(filter.action ? { action: filter.action } : {}),
  ...periodRange(filter.period),
});

export default function AdminAuditPage() {
  const setup = useAdminLoad(peopleNames);
  const [filter, setFilter] = useState<AuditFilter>({
    actor: null,
    objectType: null,
    action: null,
    period: { key: 'all' },
  });
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // An older search's answer must not overwrite a newer one's.
  const generation = useRef(0);

  const load = useCallback(async (wanted: AuditFilter, after?: string) => {
    const mine = after ? generation.current : ++generation.current;
    setError(null);
    if (!after) setEntries(null);
    try {
      const page = await auditPage(queryOf(wanted), after);
      if (mine !== generation.current) return;
      setEntries((before) => (after ? [...(before ?? []), ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (e) {
      if (mine === generation.current) setError(messageOf(e));
    }
  }, []);

  useEffect(() => {
    if (setup.data) void load(filter);
  }, [setup.data, filter, load]);

  return (
    <ConsoleFrame current="audit" refused={setup.refused}>
      {setup.error ? (
        <Problem title="操作日志加载失败" detail={setup.error} onAction={setup.reload} />
      ) : !setup.data ? (
        <Waiting title="正在加载操作日志…" />
      ) : (
        <View className="audit">
          <AuditFilters filter={filter} onChange={setFilter} />
          {list(setup.data)}
        </View>
      )}
    </ConsoleFrame>
  );

  function list(people: ReadonlyMap<number, string>) {
    if (error) return <Problem title="操作日志加载失败" detail={error} onAction={() => void load(filter)} />;
    if (!entries) return <Waiting title="正在加载操作日志…" />;
    if (entries.length === 0) return <Problem tone="notice" title="没有符合条件的操作记录" />;
    return (
      <View className="audit__entries">
        <Text className="admin-count">
          {cursor ? `已显示最近 ${entries.length} 条` : `共 ${entries.length} 条`}，最新的在前
        </Text>
        {entries.map((e) => (
          <AuditEntryCard key={e.id} entry={e} people={people} />
        ))}
        {cursor ? (
          <View className="admin-actions audit__more">
            <Button fill="outline" onClick={() => void load(filter, cursor)}>
              加载更多
            </Button>
          </View>
        ) : null}
      </View>
    );
  }
}
