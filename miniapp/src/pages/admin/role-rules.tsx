import { Text, View } from '@tarojs/components';
import type { Vocabulary } from '../../services/admin';
import { Chips } from './chips';
import { accessOf, type Draft, type FieldAccess, setAccess, toggleVerb } from './role-draft';

// The editor's two tables, built from GET /api/roles/vocabulary so that it offers only what the
// server accepts: the verbs per object, and per ruled field one of 隐藏 / 脱敏 / 只读 / 可编辑.

interface Props {
  vocabulary: Vocabulary;
  draft: Draft;
  onChange(draft: Draft): void;
}

export function RightsTable({ vocabulary, draft, onChange }: Props) {
  return (
    <View className="k-card">
      <Text className="admin-card__title">操作权限</Text>
      <Text className="admin-card__hint">可对数据范围内的记录做什么；未勾选「查看」的对象完全不可见。</Text>
      {vocabulary.rights.map((o) => (
        <View key={o.object} className="admin-rule">
          <Text className="admin-rule__label">{o.label}</Text>
          <Chips
            choices={o.verbs.map((v) => ({ value: v.verb, label: v.label }))}
            isOn={(verb) => draft.rights[o.object]?.includes(verb) ?? false}
            onChoose={(verb) => onChange(toggleVerb(draft, o.object, verb))}
          />
        </View>
      ))}
    </View>
  );
}

const tones: Partial<Record<FieldAccess, 'danger' | 'warn'>> = { hidden: 'danger', masked: 'warn' };

export function FieldRulesTable({ vocabulary, draft, onChange }: Props) {
  // The vocabulary lists the server's own accesses; its schema only says "text".
  const accesses = vocabulary.fieldAccesses.map((a) => ({ value: a.value as FieldAccess, label: a.label }));
  return (
    <View className="k-card">
      <Text className="admin-card__title">字段权限</Text>
      <Text className="admin-card__hint">
        未设置的字段可编辑；脱敏显示为 138****1234，可申请查看原值（留痕）。
      </Text>
      {vocabulary.fields.map((o) => (
        <View key={o.object} className="admin-fields">
          <Text className="admin-fields__object">{o.label}</Text>
          {o.fields.map((f) => (
            <View key={f.field} className="admin-rule admin-rule--field">
              <Text className="admin-rule__label">{f.label}</Text>
              <Chips
                choices={accesses}
                isOn={(a) => a === accessOf(draft, o.object, f.field)}
                onChoose={(a) => onChange(setAccess(draft, o.object, f.field, a))}
                tone={(a) => tones[a]}
              />
            </View>
          ))}
        </View>
      ))}
    </View>
  );
}
