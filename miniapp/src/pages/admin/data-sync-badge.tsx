import { Text } from '@tarojs/components';
import type { TagGroup } from '../../services/admin-data';

// Whether a tag group is kept the same as a WeCom corp tag group (its changes go there too), and
// whether all of its tags have arrived there yet.

export function SyncBadge({ group }: { group: TagGroup }) {
  if (!group.fromWeCom) return <Text className="admin-badge admin-badge--left">仅客联</Text>;
  const waiting = group.tags.filter((t) => !t.synced).length;
  return waiting > 0 ? (
    <Text className="admin-badge admin-badge--none">企业微信同步中（{waiting} 个待同步）</Text>
  ) : (
    <Text className="admin-badge data-badge--synced">已同步企业微信</Text>
  );
}
