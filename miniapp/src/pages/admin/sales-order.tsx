import { Text, View } from '@tarojs/components';

// 上移 / 下移 beside a row of an ordered list (assignment rules, stages); a click moves one place.

export function OrderButtons({
  first,
  last,
  disabled,
  onMove,
}: {
  first: boolean;
  last: boolean;
  disabled: boolean;
  onMove(by: -1 | 1): void;
}) {
  const button = (by: -1 | 1, label: string, off: boolean) => (
    <Text
      className={`sales-order__button${off || disabled ? ' sales-order__button--off' : ''}`}
      onClick={(e) => {
        e.stopPropagation();
        if (!off && !disabled) onMove(by);
      }}
    >
      {label}
    </Text>
  );
  return (
    <View className="sales-order">
      {button(-1, '上移', first)}
      {button(1, '下移', last)}
    </View>
  );
}
