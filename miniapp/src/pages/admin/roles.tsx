import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Problem, Waiting } from '../../components/states';
import { listPeople, listRoles, type Role, roleVocabulary } from '../../services/admin';
import { scopeNames } from '../../services/identity';
import { ConsoleFrame, detailFromTop } from './console-frame';
import { RoleEditor } from './role-editor';
import { useAdminLoad } from './use-admin-load';

// 角色与权限: the roles, built-in and custom, and the editor of one beside the list (on a desktop)
// or instead of it (on a phone).

const NEW = 'new';

async function rolesSetup() {
  const [roles, vocabulary, people] = await Promise.all([
    listRoles(),
    roleVocabulary(),
    listPeople({ active: 'true' }),
  ]);
  return { roles, vocabulary, people: people.items };
}

export default function AdminRolesPage() {
  const setup = useAdminLoad(rolesSetup);
  const [picked, setPicked] = useState<number | typeof NEW | null>(null);
  const data = setup.data;
  const role = data?.roles.find((r) => r.id === picked);
  const editing = picked === NEW || role !== undefined;
  const pick = (which: number | typeof NEW) => {
    setPicked(which);
    detailFromTop();
  };

  const saved = (changed: Role) => {
    if (!data) return;
    const known = data.roles.some((r) => r.id === changed.id);
    const roles = known
      ? data.roles.map((r) => (r.id === changed.id ? changed : r))
      : [...data.roles, changed];
    setup.setData({ ...data, roles });
    setPicked(changed.id);
  };

  const deleted = (id: number) => {
    if (data) setup.setData({ ...data, roles: data.roles.filter((r) => r.id !== id) });
    setPicked(null);
  };

  return (
    <ConsoleFrame current="roles" refused={setup.refused}>
      {setup.error ? (
        <Problem title="管理后台加载失败" detail={setup.error} onAction={setup.reload} />
      ) : !data ? (
        <Waiting title="正在加载角色…" />
      ) : (
        <View className={`admin-split admin-split--roles${editing ? ' admin-split--picked' : ''}`}>
          <View className="admin-split__list">
            <View className="admin-actions admin-actions--top">
              <Button type="primary" onClick={() => pick(NEW)}>
                新建角色
              </Button>
            </View>
            <View className="admin-rows">
              {data.roles.map((r) => (
                <RoleRow key={r.id} role={r} on={r.id === picked} onPick={() => pick(r.id)} />
              ))}
            </View>
          </View>
          <View className="admin-split__detail">
            {editing ? (
              <RoleEditor
                key={picked}
                role={role}
                vocabulary={data.vocabulary}
                people={data.people}
                onSaved={saved}
                onDeleted={deleted}
                onClose={() => setPicked(null)}
              />
            ) : (
              <Text className="admin-empty-detail">选择左侧的一个角色查看和修改，或新建一个自定义角色。</Text>
            )}
          </View>
        </View>
      )}
    </ConsoleFrame>
  );
}

function RoleRow({ role, on, onPick }: { role: Role; on: boolean; onPick(): void }) {
  return (
    <View className={`admin-row${on ? ' admin-row--on' : ''}`} onClick={onPick}>
      <View className="admin-row__main">
        <View className="admin-row__top">
          <Text className="admin-row__name">{role.name}</Text>
          <Text className="admin-badge">{role.builtIn ? '内置' : '自定义'}</Text>
        </View>
        <Text className="admin-row__meta">
          默认数据范围：{scopeNames[role.defaultScope]} · {role.holders} 人担任
        </Text>
      </View>
    </View>
  );
}
