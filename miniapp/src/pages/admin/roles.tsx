import { Text, View } from '@tarojs/components';
import { listPeople, listRoles, type Role, roleVocabulary } from '../../services/admin';
import { scopeNames } from '../../services/identity';
import { AdminSplit, Loaded } from './admin-split';
import { ConsoleFrame } from './console-frame';
import { RoleEditor } from './role-editor';
import { useAdminLoad } from './use-admin-load';
import { NEW, usePicked, withSaved } from './use-picked';

// 角色与权限: the roles, built-in and custom, and the editor of one beside the list (on a desktop)
// or instead of it (on a phone).

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
  const data = setup.data;
  const { picked, row: role, editing, pick, setPicked } = usePicked(data?.roles);

  const saved = (changed: Role) => {
    if (!data) return;
    setup.setData({ ...data, roles: withSaved(data.roles, changed) });
    setPicked(changed.id);
  };

  const deleted = (id: number) => {
    if (data) setup.setData({ ...data, roles: data.roles.filter((r) => r.id !== id) });
    setPicked(null);
  };

  return (
    <ConsoleFrame current="roles" refused={setup.refused}>
      <Loaded load={setup} what="角色">
        {({ roles, vocabulary, people }) => (
          <AdminSplit
            variant="roles"
            editing={editing}
            newLabel="新建角色"
            onNew={() => pick(NEW)}
            rows={
              <View className="admin-rows">
                {roles.map((r) => (
                  <RoleRow key={r.id} role={r} on={r.id === picked} onPick={() => pick(r.id)} />
                ))}
              </View>
            }
            editor={
              <RoleEditor
                key={picked}
                role={role}
                vocabulary={vocabulary}
                people={people}
                onSaved={saved}
                onDeleted={deleted}
                onClose={() => setPicked(null)}
              />
            }
            hint="选择左侧的一个角色查看和修改，或新建一个自定义角色。"
          />
        )}
      </Loaded>
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
