import { Text, View } from '@tarojs/components';
import type { Option } from './types';

// 列设置: which columns the grid shows and in which order. Shown columns come first, in their
// order (↑ ↓ move them); the hidden ones follow, to be ticked back in.

interface Props {
  /** Every column the person may show: value is the column key. */
  columns: Option[];
  shown: string[];
  onChange(shown: string[]): void;
  onClose(): void;
}

export function ColumnPicker({ columns, shown, onChange, onClose }: Props) {
  const hidden = columns.filter((c) => !shown.includes(c.value));
  const labelOf = (key: string) => columns.find((c) => c.value === key)?.label ?? key;
  const move = (index: number, by: number) => {
    const next = [...shown];
    const [key] = next.splice(index, 1);
    if (key !== undefined) next.splice(index + by, 0, key);
    onChange(next);
  };
  return (
    <View className="k-grid-columns">
      <View className="k-grid-columns__head">
        <Text className="k-grid-columns__title">列设置</Text>
        <Text className="k-grid-columns__close" onClick={onClose}>
          完成
        </Text>
      </View>
      {shown.map((key, i) => (
        <View key={key} className="k-grid-columns__row">
          <Text
            className="k-grid__box k-grid__box--on"
            onClick={() => shown.length > 1 && onChange(shown.filter((k) => k !== key))}
          />
          <Text className="k-grid-columns__label">{labelOf(key)}</Text>
          <Text
            className={`k-grid-columns__move${i === 0 ? ' k-grid-columns__move--off' : ''}`}
            onClick={() => i > 0 && move(i, -1)}
          >
            ↑
          </Text>
          <Text
            className={`k-grid-columns__move${i === shown.length - 1 ? ' k-grid-columns__move--off' : ''}`}
            onClick={() => i < shown.length - 1 && move(i, 1)}
          >
            ↓
          </Text>
        </View>
      ))}
      {hidden.map((c) => (
        <View key={c.value} className="k-grid-columns__row k-grid-columns__row--hidden">
          <Text className="k-grid__box" onClick={() => onChange([...shown, c.value])} />
          <Text className="k-grid-columns__label">{c.label}</Text>
        </View>
      ))}
    </View>
  );
}
