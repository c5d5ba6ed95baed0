import { Text, View } from '@tarojs/components';

// A row of choices drawn as chips: one chosen (a filter, a data scope), or several on (verbs).

interface Choice<V> {
  value: V;
  label: string;
}

export function Chips<V>({
  choices,
  isOn,
  onChoose,
  tone,
}: {
  choices: readonly Choice<V>[];
  isOn(value: V): boolean;
  onChoose(value: V): void;
  /** 'danger' marks the chosen chip red (e.g. 隐藏). */
  tone?: (value: V) => 'danger' | 'warn' | undefined;
}) {
  return (
    <View className="admin-chips">
      {choices.map((c) => {
        const on = isOn(c.value);
        const mark = on && tone?.(c.value);
        return (
          <Text
            key={String(c.value)}
            className={`admin-chip${on ? ' admin-chip--on' : ''}${mark ? ` admin-chip--${mark}` : ''}`}
            onClick={() => onChoose(c.value)}
          >
            {c.label}
          </Text>
        );
      })}
    </View>
  );
}
