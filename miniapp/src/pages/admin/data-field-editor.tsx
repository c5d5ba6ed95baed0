import { Button } from '@nutui/nutui-react-taro';
import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import {
  createField,
  deleteField,
  type FieldDefinition,
  type FieldObject,
  type FieldType,
  saveField,
} from '../../services/admin-data';
import { Chips } from './chips';
import { DetailPanel } from './console-frame';
import { choicesOf, hasChoices, objectNames, typeNames } from './data-words';
import { useChange } from './use-change';

// One custom field's editor: name, type, options, required, order. The key is chosen once (values
// are stored under it). The server checks the values already stored: a type they would not fit,
// or an option still chosen, is refused in its words (how many records), and nothing changes.

interface Draft {
  label: string;
  key: string;
  type: FieldType;
  options: string[];
  required: boolean;
  position: string;
}

const draftOf = (field: FieldDefinition | undefined): Draft =>
  field
    ? { ...field, position: String(field.position) }
    : { label: '', key: '', type: 'text', options: [], required: false, position: '0' };

const requiredChoices = [
  { value: false, label: '选填' },
  { value: true, label: '必填' },
];

interface Props {
  object: FieldObject;
  /** The field to edit; undefined for 新建字段. */
  field: FieldDefinition | undefined;
  onSaved(field: FieldDefinition): void;
  onDeleted(id: number): void;
  onClose(): void;
}

export function FieldEditor({ object, field, onSaved, onDeleted, onClose }: Props) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(field));
  const [option, setOption] = useState('');
  const { busy, run } = useChange();
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const choices = hasChoices(draft.type);

  const addOption = () => {
    const name = option.trim();
    if (name && !draft.options.includes(name)) set({ options: [...draft.options, name] });
    setOption('');
  };

  const save = () =>
    run(async () => {
      const common = {
        label: draft.label,
        type: draft.type,
        required: draft.required,
        position: Number(draft.position) || 0,
        // A field that stops being a choice loses its options on the server.
        ...(choices ? { options: draft.options } : {}),
      };
      onSaved(
        field
          ? await saveField(field.id, common)
          : await createField({ ...common, object, key: draft.key.trim() || draft.label.trim() }),
      );
      void Taro.showToast({ title: '已保存', icon: 'success' });
    });

  const remove = async () => {
    if (!field) return;
    const { confirm } = await Taro.showModal({
      title: '删除字段',
      content: `删除「${field.label}」？已填写的值仍保留在记录中，但不再显示为该字段。`,
      confirmText: '删除',
      confirmColor: '#f53f3f',
    });
    if (confirm)
      await run(async () => {
        await deleteField(field.id);
        onDeleted(field.id);
      });
  };

  return (
    <DetailPanel back="返回字段列表" onBack={onClose}>
      <View className="k-card data-editor">
        <Text className="admin-card__title">
          {field ? `编辑「${field.label}」` : `新建${objectNames[object]}字段`}
        </Text>
        <Text className="admin-card__hint">字段名称</Text>
        <Input
          className="admin-input data-editor__label"
          placeholder="如：员工人数"
          value={draft.label}
          maxlength={50}
          onInput={(e) => set({ label: e.detail.value })}
        />
        <Text className="admin-card__hint">字段键（保存值所用，创建后不能修改）</Text>
        {field ? (
          <Text className="data-editor__key">{field.key}</Text>
        ) : (
          <Input
            className="admin-input data-editor__key-input"
            placeholder="留空则与字段名称相同"
            value={draft.key}
            maxlength={50}
            onInput={(e) => set({ key: e.detail.value })}
          />
        )}
        <Text className="admin-card__hint">类型（已有记录填写的值都符合新类型时才能修改）</Text>
        <View className="data-editor__types">
          <Chips
            choices={choicesOf(typeNames)}
            isOn={(v) => v === draft.type}
            onChoose={(type) => set({ type })}
          />
        </View>
        {choices ? (
          <>
            <Text className="admin-card__hint">选项（有记录选了的选项不能删除）</Text>
            <View className="data-options">
              {draft.options.map((o) => (
                <View key={o} className="data-option">
                  <Text>{o}</Text>
                  <Text
                    className="data-option__remove"
                    onClick={() => set({ options: draft.options.filter((x) => x !== o) })}
                  >
                    ×
                  </Text>
                </View>
              ))}
            </View>
            <View className="data-inline">
              <Input
                className="admin-input data-inline__input data-editor__option-input"
                placeholder="新选项"
                value={option}
                maxlength={50}
                onInput={(e) => setOption(e.detail.value)}
                onConfirm={addOption}
              />
              <Button size="small" fill="outline" onClick={addOption}>
                添加选项
              </Button>
            </View>
          </>
        ) : null}
        <Text className="admin-card__hint">是否必填（新建记录时必须填写）</Text>
        <Chips
          choices={requiredChoices}
          isOn={(v) => v === draft.required}
          onChoose={(required) => set({ required })}
        />
        <Text className="admin-card__hint">排序（数字小的排在前面）</Text>
        <Input
          className="admin-input data-editor__position"
          type="number"
          value={draft.position}
          maxlength={5}
          onInput={(e) => set({ position: e.detail.value })}
        />
        <View className="admin-actions">
          <Button type="primary" loading={busy} onClick={() => void save()}>
            {field ? '保存' : '创建字段'}
          </Button>
          {field ? (
            <Button fill="outline" type="danger" disabled={busy} onClick={() => void remove()}>
              删除字段
            </Button>
          ) : null}
        </View>
      </View>
    </DetailPanel>
  );
}
