import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ReactNode } from 'react';
import { Chips } from './chips';

// The parts of the sales-settings forms: a labelled line (label, control, hint under it), a text box,
// the 启用 / 停用 switch of a rule, and the question before deleting one.

export function Field({ label, hint, children }: { label: string; hint?: string; children: ReactNode }) {
  return (
    <View className="sales-field">
      <Text className="sales-field__label">{label}</Text>
      <View className="sales-field__control">{children}</View>
      {hint ? <Text className="sales-field__hint">{hint}</Text> : null}
    </View>
  );
}

/** A text box that keeps what is typed as text (the page decides what it means). */
export function TextBox({
  value,
  placeholder,
  onChange,
  suffix,
}: {
  value: string;
  placeholder?: string;
  onChange(value: string): void;
  /** A unit after the box (天, %): the box is then as narrow as a number needs. */
  suffix?: string;
}) {
  return (
    <View className={`sales-box${suffix ? ' sales-box--number' : ''}`}>
      <Input
        className="admin-input sales-box__input"
        value={value}
        placeholder={placeholder}
        onInput={(e) => onChange(e.detail.value)}
      />
      {suffix ? <Text className="sales-box__suffix">{suffix}</Text> : null}
    </View>
  );
}

/** A rule's 状态: 启用 or 停用. */
export function EnabledField({ enabled, onChange }: { enabled: boolean; onChange(enabled: boolean): void }) {
  return (
    <Field label="状态">
      <Chips
        choices={[
          { value: true, label: '启用' },
          { value: false, label: '停用' },
        ]}
        isOn={(v) => v === enabled}
        onChoose={onChange}
      />
    </Field>
  );
}

/** Asks before deleting「name」, saying what stays; answers whether to go ahead. */
export async function confirmDelete(title: string, name: string, stays: string): Promise<boolean> {
  const { confirm } = await Taro.showModal({
    title,
    content: `删除「${name}」？${stays}`,
    confirmText: '删除',
    confirmColor: '#f53f3f',
  });
  return confirm;
}
