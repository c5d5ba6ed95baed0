import { Text, View } from '@tarojs/components';
import type { FlowNode } from '../../services/approval-flows';

// Where a node (or a branch) goes next: one of the other nodes (by its number on the page: two
// steps may share a name), or 结束 (the flow ends there).

export function NextPicker({
  label,
  value,
  nodes,
  self,
  onChange,
}: {
  label: string;
  value: string | null;
  nodes: FlowNode[];
  self?: string;
  onChange(next: string | null): void;
}) {
  return (
    <View className="flow-next">
      <Text className="flow-next__label">{label}</Text>
      <View className="admin-chips">
        {nodes.map((n, i) =>
          n.id === self ? null : (
            <Text
              key={n.id}
              className={`admin-chip${value === n.id ? ' admin-chip--on' : ''}`}
              onClick={() => onChange(n.id)}
            >
              {i + 1}. {n.name}
            </Text>
          ),
        )}
        <Text
          className={`admin-chip${value === null ? ' admin-chip--on' : ''}`}
          onClick={() => onChange(null)}
        >
          结束
        </Text>
      </View>
    </View>
  );
}
