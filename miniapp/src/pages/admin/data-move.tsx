import { Text, View } from '@tarojs/components';

// 上移 / 下移 of one item in an ordered list (tag groups, the tags of a group): the whole list in
// its new order is what the server is sent.

/** The ids with the one at `index` moved by `step` places; undefined when it cannot move. */
export function moved(ids: number[], index: number, step: -1 | 1): number[] | undefined {
  const to = index + step;
  if (to < 0 || to >= ids.length) return undefined;
  const next = [...ids];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

interface Props {
  index: number;
  count: number;
  onMove(step: -1 | 1): void;
}

export function MoveButtons({ index, count, onMove }: Props) {
  const arrow = (step: -1 | 1, label: string, enabled: boolean) => (
    <Text
      className={`data-move__arrow${enabled ? '' : ' data-move__arrow--off'}`}
      aria-label={step < 0 ? '上移' : '下移'}
      onClick={(e) => {
        e.stopPropagation();
        if (enabled) onMove(step);
      }}
    >
      {label}
    </Text>
  );
  return (
    <View className="data-move">
      {arrow(-1, '↑', index > 0)}
      {arrow(1, '↓', index < count - 1)}
    </View>
  );
}
