import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useCallback, useEffect, useRef, useState } from 'react';
import { NameAvatar } from '../../components/name-avatar';
import { Problem, Waiting } from '../../components/states';
import { listDepartments, listPeople, listRoles, type PeopleQuery, type Person } from '../../services/admin';
import { messageOf } from '../../services/api';
import { ConsoleFrame, detailFromTop } from './console-frame';
import { PeopleFilters } from './people-filters';
import { PersonPanel } from './person-panel';
import { useAdminLoad } from './use-admin-load';

// 成员: everyone the platforms synced, searched and filtered, and one person's roles beside the
// list (on a desktop) or instead of it (on a phone).

const rolesAndDepartments = async () => {
  const [roles, departments] = await Promise.all([listRoles(), listDepartments()]);
  return { roles, departments };
};

export default function AdminUsersPage() {
  const setup = useAdminLoad(rolesAndDepartments);
  const [query, setQuery] = useState<PeopleQuery>({ active: 'true' });
  const [people, setPeople] = useState<Person[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<number | null>(null);
  // An older search's answer must not overwrite a newer one's.
  const generation = useRef(0);

  const load = useCallback(async (wanted: PeopleQuery, after?: string) => {
    const mine = after ? generation.current : ++generation.current;
    setError(null);
    try {
      const page = await listPeople(wanted, after);
      if (mine !== generation.current) return;
      setPeople((before) => (after ? [...(before ?? []), ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (e) {
      if (mine === generation.current) setError(messageOf(e));
    }
  }, []);

  useEffect(() => {
    if (setup.data) void load(query);
  }, [setup.data, query, load]);

  const person = people?.find((p) => p.id === picked);
  const pick = (id: number) => {
    setPicked(id);
    detailFromTop();
  };
  const replace = (changed: Person) =>
    setPeople((before) => before?.map((p) => (p.id === changed.id ? changed : p)) ?? null);

  return (
    <ConsoleFrame current="users" refused={setup.refused}>
      {setup.error ? (
        <Problem title="管理后台加载失败" detail={setup.error} onAction={setup.reload} />
      ) : !setup.data ? (
        <Waiting title="正在加载成员…" />
      ) : (
        <View className={`admin-split${person ? ' admin-split--picked' : ''}`}>
          <View className="admin-split__list">
            <PeopleFilters
              query={query}
              departments={setup.data.departments}
              roles={setup.data.roles}
              onChange={setQuery}
            />
            {list()}
          </View>
          <View className="admin-split__detail">
            {person ? (
              <PersonPanel
                key={person.id}
                person={person}
                roles={setup.data.roles}
                onChanged={replace}
                onClose={() => setPicked(null)}
              />
            ) : (
              <Text className="admin-empty-detail">选择左侧的一位成员，查看其平台账号并分配角色。</Text>
            )}
          </View>
        </View>
      )}
    </ConsoleFrame>
  );

  function list() {
    if (error) return <Problem title="成员加载失败" detail={error} onAction={() => void load(query)} />;
    if (!people) return <Waiting title="正在加载成员…" />;
    if (people.length === 0) return <Problem tone="notice" title="没有符合条件的成员" />;
    return (
      <View className="admin-rows">
        <Text className="admin-count">
          {cursor ? `已显示 ${people.length} 人` : `共 ${people.length} 人`}
        </Text>
        {people.map((p) => (
          <PersonRow key={p.id} person={p} on={p.id === picked} onPick={() => pick(p.id)} />
        ))}
        {cursor ? (
          <View className="admin-actions">
            <Button fill="outline" onClick={() => void load(query, cursor)}>
              加载更多
            </Button>
          </View>
        ) : null}
      </View>
    );
  }
}

function PersonRow({ person, on, onPick }: { person: Person; on: boolean; onPick(): void }) {
  const platforms = [person.identities.wecom && '企业微信', person.identities.dingtalk && '钉钉'].filter(
    Boolean,
  );
  return (
    <View className={`admin-row${on ? ' admin-row--on' : ''}`} onClick={onPick}>
      <NameAvatar name={person.name} />
      <View className="admin-row__main">
        <View className="admin-row__top">
          <Text className="admin-row__name">{person.name}</Text>
          {person.active ? null : (
            <Text className="admin-badge admin-badge--left">{person.mergedIntoId ? '已合并' : '已离职'}</Text>
          )}
          <Text className="admin-row__meta">{person.department?.name ?? '未分配部门'}</Text>
        </View>
        <View className="admin-row__tags">
          {person.roles.length === 0 ? <Text className="admin-badge admin-badge--none">无角色</Text> : null}
          {person.roles.map((r) => (
            <Text key={r.role.id} className="admin-badge">
              {r.role.name}
            </Text>
          ))}
          <Text className="admin-row__meta">{platforms.join(' · ') || '未绑定平台账号'}</Text>
        </View>
      </View>
    </View>
  );
}
