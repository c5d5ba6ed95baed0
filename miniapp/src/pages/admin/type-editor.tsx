import { Button } from '@nutui/nutui-react-taro';
import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import {
  type ApplicationType,
  createType,
  fieldKinds,
  type TypeField,
  type TypeInput,
  updateType,
} from '../../services/application-types';
import { Chips } from './chips';
import { DetailPanel } from './console-frame';
import { useChange } from './use-change';

// One application type: its name, mark and colour, its fields in order (each a key the flow's
// conditions name, a label, a kind, required or not, the options of a choice). The server checks
// it all (a key twice, a choice without options) and says what is wrong in its words.

const blankField = (n: number): TypeField => ({ key: `field${n}`, label: '', kind: 'text', required: false });
const draftOf = (type: ApplicationType | undefined): TypeInput =>
  type
    ? { name: type.name, icon: type.icon, color: type.color, fields: type.fields, active: type.active }
    : { name: '', icon: null, color: null, fields: [blankField(1)], active: true };

const requiredChoices = [
  { value: false, label: '选填' },
  { value: true, label: '必填' },
];
const activeChoices = [
  { value: true, label: '启用' },
  { value: false, label: '停用' },
];

interface Props {
  type: ApplicationType | undefined;
  onSaved(type: ApplicationType): void;
  onClose(): void;
}

export function TypeEditor({ type, onSaved, onClose }: Props) {
  const [draft, setDraft] = useState<TypeInput>(() => draftOf(type));
  const { busy, run } = useChange();
  const set = (patch: Partial<TypeInput>) => setDraft({ ...draft, ...patch });
  const setField = (i: number, patch: Partial<TypeField>) =>
    set({ fields: draft.fields.map((f, at) => (at === i ? { ...f, ...patch } : f)) });

  const save = () =>
    run(async () => {
      onSaved(type ? await updateType(type.id, draft) : await createType(draft));
      void Taro.showToast({ title: '已保存', icon: 'success' });
    });

  return (
    <DetailPanel back="返回申请类型" onBack={onClose}>
      <View className="k-card data-editor type-editor">
        <Text className="admin-card__title">{type ? `编辑「${type.name}」` : '新建申请类型'}</Text>
        <Text className="admin-card__hint">名称</Text>
        <Input
          className="admin-input"
          placeholder="如：信用额度申请"
          value={draft.name}
          maxlength={50}
          onInput={(e) => set({ name: e.detail.value })}
        />
        <View className="data-inline">
          <Input
            className="admin-input data-inline__input"
            placeholder="图标（可选，一个字或 emoji，如 额）"
            value={draft.icon ?? ''}
            maxlength={8}
            onInput={(e) => set({ icon: e.detail.value || null })}
          />
          <Input
            className="admin-input data-inline__input"
            placeholder="颜色（可选，如 #2f6bff）"
            value={draft.color ?? ''}
            maxlength={7}
            onInput={(e) => set({ color: e.detail.value || null })}
          />
        </View>
        <Text className="admin-card__hint">字段（标识用于审批条件，如 amount）</Text>
        {draft.fields.map((field, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the key field is typed here, so the place is the identity
          <View key={i} className="type-field">
            <View className="data-inline">
              <Input
                className="admin-input data-inline__input"
                placeholder="字段名称"
                value={field.label}
                maxlength={30}
                onInput={(e) => setField(i, { label: e.detail.value })}
              />
              <Input
                className="admin-input data-inline__input"
                placeholder="标识"
                value={field.key}
                maxlength={30}
                onInput={(e) => setField(i, { key: e.detail.value })}
              />
              <Text
                className="data-option__remove"
                onClick={() => set({ fields: draft.fields.filter((_, at) => at !== i) })}
              >
                ×
              </Text>
            </View>
            <Chips
              choices={fieldKinds}
              isOn={(v) => v === field.kind}
              onChoose={(kind) =>
                setField(i, kind === 'choice' ? { kind, options: field.options ?? [] } : { kind })
              }
            />
            <Chips
              choices={requiredChoices}
              isOn={(v) => v === field.required}
              onChoose={(required) => setField(i, { required })}
            />
            {field.kind === 'choice' ? (
              <Input
                className="admin-input"
                placeholder="选项，用顿号或逗号分开：月结 30 天、月结 60 天"
                value={(field.options ?? []).join('、')}
                onInput={(e) =>
                  setField(i, {
                    options: e.detail.value
                      .split(/[、,，]/)
                      .map((o) => o.trim())
                      .filter(Boolean),
                  })
                }
              />
            ) : null}
          </View>
        ))}
        <Text
          className="flow-link"
          onClick={() => set({ fields: [...draft.fields, blankField(draft.fields.length + 1)] })}
        >
          + 字段
        </Text>
        <Text className="admin-card__hint">状态（停用后不能再新建这类申请）</Text>
        <Chips
          choices={activeChoices}
          isOn={(v) => v === draft.active}
          onChoose={(active) => set({ active })}
        />
        <View className="admin-actions">
          <Button type="primary" loading={busy} onClick={() => void save()}>
            {type ? '保存' : '创建申请类型'}
          </Button>
        </View>
      </View>
    </DetailPanel>
  );
}
