import { Input, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';

// One labelled line of a sales-settings form: the label, the control, and a hint under it.

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
