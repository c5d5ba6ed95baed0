import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Problem } from '../../components/states';
import { type FieldDefinition, type FieldObject, listFields } from '../../services/admin-data';
import { AdminSplit, Loaded } from './admin-split';
import { Chips } from './chips';
import { ConsoleFrame } from './console-frame';
import { FieldEditor } from './data-field-editor';
import { choicesOf, hasChoices, objectNames, typeNames } from './data-words';
import { useAdminLoad } from './use-admin-load';
import { NEW, usePicked } from './use-picked';
import './data.css';

// 自定义字段: each object's fields in their order, and the editor of one beside the list (on a
// desktop) or instead of it (on a phone).

export default function AdminFieldsPage() {
  const setup = useAdminLoad(listFields);
  const [object, setObject] = useState<FieldObject>('customer');
  const all = setup.data;
  const fields = all?.filter((f) => f.object === object) ?? [];
  const { picked, row: field, editing, pick, setPicked } = usePicked(fields);

  const saved = (changed: FieldDefinition) => {
    if (!all) return;
    const rest = all.filter((f) => f.id !== changed.id);
    // The server's order: position, then id.
    setup.setData([...rest, changed].sort((a, b) => a.position - b.position || a.id - b.id));
    setPicked(changed.id);
  };

  return (
    <ConsoleFrame current="fields" refused={setup.refused}>
      <Loaded load={setup} what="自定义字段">
        {(all) => (
          <AdminSplit
            variant="data"
            editing={editing}
            filters={
              <View className="admin-filters">
                <View className="admin-filters__row">
                  <Text className="admin-filters__label">对象</Text>
                  <Chips
                    choices={choicesOf(objectNames)}
                    isOn={(v) => v === object}
                    onChoose={(v) => {
                      setObject(v);
                      setPicked(null);
                    }}
                  />
                </View>
              </View>
            }
            newLabel="新建字段"
            onNew={() => pick(NEW)}
            rows={
              fields.length === 0 ? (
                <Problem tone="notice" title={`${objectNames[object]}还没有自定义字段`} />
              ) : (
                <View className="admin-rows">
                  <Text className="admin-count">
                    {objectNames[object]}共 {fields.length} 个自定义字段
                  </Text>
                  {fields.map((f) => (
                    <FieldRow key={f.id} field={f} on={f.id === picked} onPick={() => pick(f.id)} />
                  ))}
                </View>
              )
            }
            editor={
              <FieldEditor
                key={`${object}-${picked}`}
                object={object}
                field={field}
                onSaved={saved}
                onDeleted={(id) => {
                  setup.setData(all.filter((f) => f.id !== id));
                  setPicked(null);
                }}
                onClose={() => setPicked(null)}
              />
            }
            hint="选择左侧的一个字段修改名称、类型、选项和排序，或新建一个字段。"
          />
        )}
      </Loaded>
    </ConsoleFrame>
  );
}

function FieldRow({ field, on, onPick }: { field: FieldDefinition; on: boolean; onPick(): void }) {
  return (
    <View className={`admin-row${on ? ' admin-row--on' : ''}`} onClick={onPick}>
      <View className="admin-row__main">
        <View className="admin-row__top">
          <Text className="admin-row__name">{field.label}</Text>
          <Text className="admin-badge">{typeNames[field.type]}</Text>
          {field.required ? <Text className="admin-badge admin-badge--none">必填</Text> : null}
        </View>
        <Text className="admin-row__meta">
          字段键 {field.key} · 排序 {field.position}
          {hasChoices(field.type) ? ` · 选项：${field.options.join('、')}` : ''}
        </Text>
      </View>
    </View>
  );
}
