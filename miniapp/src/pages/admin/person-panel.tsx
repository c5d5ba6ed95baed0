import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { NameAvatar } from '../../components/name-avatar';
import {
  assignRole,
  type Person,
  type PersonRole,
  type Role,
  removeRole,
  type Scope,
} from '../../services/admin';
import { scopeNames } from '../../services/identity';
import { Chips } from './chips';
import { DetailPanel } from './console-frame';
import { MergeCard } from './merge-panel';
import { useChange } from './use-change';

// One person in 成员: who they are on each platform, the roles they hold with their data scope,
// and 分配角色 / 移除. The server's answer (the person as they now are) replaces the shown one.

const scopes = (Object.keys(scopeNames) as Scope[]).map((value) => ({ value, label: scopeNames[value] }));

/** 本部门（华北销售部）: a department scope without its own anchor follows the person's department. */
function scopeText(held: PersonRole, person: Person): string {
  const anchored = held.scope === 'department' || held.scope === 'department_tree';
  const department = held.department ?? person.department;
  return `${scopeNames[held.scope]}${anchored && department ? `（${department.name}）` : ''}`;
}

interface Props {
  person: Person;
  roles: Role[];
  onChanged(person: Person): void;
  onClose(): void;
}

export function PersonPanel({ person, roles, onChanged, onClose }: Props) {
  const [roleId, setRoleId] = useState<number | null>(null);
  const [scope, setScope] = useState<Scope | null>(null);
  const { busy, run } = useChange();
  const chosen = roles.find((r) => r.id === roleId);

  const act = (change: () => Promise<Person>) =>
    run(async () => {
      onChanged(await change());
      setRoleId(null);
      setScope(null);
      void Taro.showToast({ title: '已保存', icon: 'success' });
    });

  const remove = async (held: PersonRole) => {
    const { confirm } = await Taro.showModal({
      title: '移除角色',
      content: `移除 ${person.name} 的「${held.role.name}」角色？移除后其下一次操作即不再有此角色的权限。`,
      confirmText: '移除',
      confirmColor: '#f53f3f',
    });
    if (confirm) await act(() => removeRole(person.id, held.role.id));
  };

  return (
    <DetailPanel back="返回成员列表" onBack={onClose}>
      <View className="k-card admin-person">
        <NameAvatar name={person.name} size="large" />
        <View className="admin-person__names">
          <View className="admin-person__title">
            <Text className="admin-person__name">{person.name}</Text>
            {person.active ? null : (
              <Text className="admin-badge admin-badge--left">
                {person.mergedIntoId ? '已合并' : '已离职'}
              </Text>
            )}
          </View>
          <Text className="admin-person__line">
            {[person.department?.name ?? '未分配部门', person.title].filter(Boolean).join(' · ')}
          </Text>
          {person.mobile ? <Text className="admin-person__line">{person.mobile}</Text> : null}
        </View>
      </View>

      <View className="k-card">
        <Text className="admin-card__title">平台账号</Text>
        <Account label="企业微信" id={person.identities.wecom} />
        <Account label="钉钉" id={person.identities.dingtalk} />
      </View>

      <View className="k-card">
        <Text className="admin-card__title">角色与数据范围</Text>
        {person.roles.length === 0 ? (
          <Text className="admin-muted">尚无角色：登录后看不到任何客户数据</Text>
        ) : null}
        {person.roles.map((held) => (
          <View key={held.role.id} className="admin-held">
            <View className="admin-held__names">
              <Text className="admin-held__role">{held.role.name}</Text>
              <Text className="admin-muted">数据范围：{scopeText(held, person)}</Text>
            </View>
            <Text className="admin-held__remove" onClick={() => !busy && void remove(held)}>
              移除
            </Text>
          </View>
        ))}
      </View>

      <View className="k-card">
        <Text className="admin-card__title">分配角色</Text>
        <Chips
          choices={roles.map((r) => ({ value: r.id, label: r.name }))}
          isOn={(v) => v === roleId}
          onChoose={(v) => {
            setRoleId(v);
            setScope(roles.find((r) => r.id === v)?.defaultScope ?? null);
          }}
        />
        {chosen ? (
          <>
            <Text className="admin-card__hint">数据范围（部门范围以其所在部门为准，随调动变化）</Text>
            <Chips choices={scopes} isOn={(v) => v === scope} onChoose={setScope} />
            <View className="admin-actions">
              <Button
                type="primary"
                loading={busy}
                onClick={() => void act(() => assignRole(person.id, chosen.id, scope ? { scope } : {}))}
              >
                {person.roles.some((h) => h.role.id === chosen.id)
                  ? '修改数据范围'
                  : `分配「${chosen.name}」`}
              </Button>
            </View>
          </>
        ) : (
          <Text className="admin-card__hint">选择一个角色，再选择此人担任它的数据范围。</Text>
        )}
      </View>

      <MergeCard
        person={person}
        onMerged={(kept, other) => {
          onChanged(kept);
          onChanged(other);
        }}
      />
    </DetailPanel>
  );
}

function Account({ label, id }: { label: string; id: string | null }) {
  return (
    <View className="admin-account">
      <Text className="admin-account__label">{label}</Text>
      <Text className={id ? 'admin-account__id' : 'admin-muted'}>{id ?? '未绑定'}</Text>
    </View>
  );
}
