import { Input, Picker, Text, View } from '@tarojs/components';

// A form's labelled rows (customer-bits.css): a line of text, a day picked from the calendar.
// The sheets and pages that ask for a few fields (转合同, 退款, 登记回款) write them alike.

interface Row<T> {
  label: string;
  value: T;
  onChange(value: T): void;
  required?: boolean;
  className?: string;
}

const labelOf = (label: string, required?: boolean) => (
  <Text className={`k-form-label${required ? ' k-form-label--required' : ''}`}>{label}</Text>
);

export function InputRow({
  label,
  value,
  onChange,
  required,
  className,
  maxlength,
  placeholder,
  digits,
}: Row<string> & { maxlength?: number; placeholder?: string; digits?: boolean }) {
  return (
    <View className={`k-form-row${className ? ` ${className}` : ''}`}>
      {labelOf(label, required)}
      <Input
        className="k-input"
        type={digits ? 'digit' : 'text'}
        value={value}
        maxlength={maxlength}
        placeholder={placeholder}
        onInput={(e) => onChange(e.detail.value)}
      />
    </View>
  );
}

/** `2026-12-07`, picked; `end` is the last day allowed. */
export function DateRow({
  label,
  value,
  onChange,
  required,
  className,
  end,
}: Row<string> & { end?: string }) {
  return (
    <View className={`k-form-row${className ? ` ${className}` : ''}`}>
      {labelOf(label, required)}
      <Picker mode="date" value={value} end={end} onChange={(e) => onChange(e.detail.value)}>
        <View className="k-input">{value}</View>
      </Picker>
    </View>
  );
}
