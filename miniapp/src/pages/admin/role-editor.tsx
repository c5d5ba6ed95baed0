import { Button } from '@nutui/nutui-react-taro';
import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import {
  createRole,
  deleteRole,
  type Person,
  type Role,
  type Scope,
  saveRole,
  type Vocabulary,
} from '../../services/admin';
import { Chips } from './chips';
import { DetailPanel } from './console-frame';
import { blankDraft, type Draft, draftOf, inputOf } from './role-draft';
import { RolePreview } from './role-preview';
import { FieldRulesTable, RightsTable } from './role-rules';
import { useChange } from './use-change';

// One role's editor: name, default data scope, rights, field rules, and beside them the preview
// of what a chosen person would see. Nothing is stored before 保存; a refusal leaves the role as
// it was and says why in the server's words.

interface Props {
  /** The role to edit; undefined for 新建角色. */
  role: Role | undefined;
  vocabulary: Vocabulary;
  people: Person[];
  onSaved(role: Role): void;
  onDeleted(id: number): void;
  onClose(): void;
}

export function RoleEditor({ role, vocabulary, people, onSaved, onDeleted, onClose }: Props) {
  const [draft, setDraft] = useState<Draft>(() => (role ? draftOf(role) : blankDraft()));
  const { busy, run } = useChange();
  // The vocabulary lists the server's own scopes; its schema only says "text".
  const scopes = vocabulary.scopes.map((s) => ({ value: s.value as Scope, label: s.label }));

  const save = () =>
    run(async () => {
      const input = inputOf(draft);
      onSaved(role ? await saveRole(role.id, input) : await createRole(input));
      void Taro.showToast({ title: '已保存', icon: 'success' });
    });

  const remove = async () => {
    if (!role) return;
    const { confirm } = await Taro.showModal({
      title: '删除角色',
      content: `删除「${role.name}」？删除后不能恢复。`,
      confirmText: '删除',
      confirmColor: '#f53f3f',
    });
    if (confirm)
      await run(async () => {
        await deleteRole(role.id);
        onDeleted(role.id);
      });
  };

  return (
    <DetailPanel back="返回角色列表" onBack={onClose}>
      <View className="admin-editor">
        <View className="admin-editor__rules">
          <View className="k-card">
            <View className="admin-editor__title">
              <Text className="admin-card__title">{role ? `编辑「${role.name}」` : '新建角色'}</Text>
              {role?.builtIn ? <Text className="admin-badge">内置角色</Text> : null}
            </View>
            <Text className="admin-card__hint">角色名称</Text>
            <Input
              className="admin-input"
              placeholder="如：大客户销售"
              value={draft.name}
              maxlength={100}
              onInput={(e) => setDraft({ ...draft, name: e.detail.value })}
            />
            <Text className="admin-card__hint">默认数据范围（分配角色时可为个人另选）</Text>
            <Chips
              choices={scopes}
              isOn={(v) => v === draft.defaultScope}
              onChoose={(defaultScope) => setDraft({ ...draft, defaultScope })}
            />
            <View className="admin-actions">
              <Button type="primary" loading={busy} onClick={() => void save()}>
                {role ? '保存' : '创建角色'}
              </Button>
              {role && !role.builtIn ? (
                <Button fill="outline" type="danger" disabled={busy} onClick={() => void remove()}>
                  删除角色
                </Button>
              ) : null}
            </View>
            {role && role.holders > 0 ? (
              <Text className="admin-card__hint">
                {role.holders} 人担任此角色，保存后他们的下一次操作即按新规则。
              </Text>
            ) : null}
          </View>
          <RightsTable vocabulary={vocabulary} draft={draft} onChange={setDraft} />
          <FieldRulesTable vocabulary={vocabulary} draft={draft} onChange={setDraft} />
        </View>
        <View className="admin-editor__preview">
          <RolePreview roleId={role?.id} draft={draft} people={people} vocabulary={vocabulary} />
        </View>
      </View>
    </DetailPanel>
  );
}
