import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { type ReactNode, useState } from 'react';
import { Problem, Waiting } from '../../components/states';
import { listTagGroups, orderTagGroups, type TagGroup } from '../../services/admin-data';
import { ConsoleFrame, detailFromTop } from './console-frame';
import { MoveButtons, moved } from './data-move';
import { SyncBadge } from './data-sync-badge';
import { TagGroupEditor } from './data-tag-editor';
import { useAdminLoad } from './use-admin-load';
import { useChange } from './use-change';
import './data.css';

// 标签组与标签: the groups in their order with their tags and whether WeCom has them, and the
// editor of one beside the list (on a desktop) or instead of it (on a phone).

const NEW = 'new';

export default function AdminTagsPage() {
  const setup = useAdminLoad(listTagGroups);
  const { run } = useChange();
  const [picked, setPicked] = useState<number | typeof NEW | null>(null);
  const groups = setup.data;
  const group = groups?.find((g) => g.id === picked);
  const editing = picked === NEW || group !== undefined;
  const pick = (which: number | typeof NEW) => {
    setPicked(which);
    detailFromTop();
  };

  const saved = (changed: TagGroup) => {
    if (!groups) return;
    const known = groups.some((g) => g.id === changed.id);
    setup.setData(known ? groups.map((g) => (g.id === changed.id ? changed : g)) : [...groups, changed]);
    setPicked(changed.id);
  };

  const move = (index: number, step: -1 | 1) => {
    const ids =
      groups &&
      moved(
        groups.map((g) => g.id),
        index,
        step,
      );
    if (ids) void run(async () => setup.setData(await orderTagGroups(ids)));
  };

  return (
    <ConsoleFrame current="tags" refused={setup.refused}>
      {setup.error ? (
        <Problem title="标签加载失败" detail={setup.error} onAction={setup.reload} />
      ) : !groups ? (
        <Waiting title="正在加载标签…" />
      ) : (
        <View className={`admin-split admin-split--data${editing ? ' admin-split--picked' : ''}`}>
          <View className="admin-split__list">
            <View className="admin-actions admin-actions--top">
              <Button type="primary" onClick={() => pick(NEW)}>
                新建标签组
              </Button>
            </View>
            {groups.length === 0 ? (
              <Problem tone="notice" title="还没有标签组" />
            ) : (
              <View className="admin-rows">
                <Text className="admin-count">共 {groups.length} 个标签组</Text>
                {groups.map((g, n) => (
                  <GroupRow key={g.id} group={g} on={g.id === picked} onPick={() => pick(g.id)}>
                    <MoveButtons index={n} count={groups.length} onMove={(step) => move(n, step)} />
                  </GroupRow>
                ))}
              </View>
            )}
          </View>
          <View className="admin-split__detail">
            {editing ? (
              <TagGroupEditor
                key={picked}
                group={group}
                onSaved={saved}
                onDeleted={(id) => {
                  setup.setData(groups.filter((g) => g.id !== id));
                  setPicked(null);
                }}
                onClose={() => setPicked(null)}
              />
            ) : (
              <Text className="admin-empty-detail">
                选择左侧的一个标签组，重命名、增删标签，或新建一个标签组。
              </Text>
            )}
          </View>
        </View>
      )}
    </ConsoleFrame>
  );
}

interface GroupRowProps {
  group: TagGroup;
  on: boolean;
  onPick(): void;
  /** The row's 上移 / 下移. */
  children: ReactNode;
}

function GroupRow({ group, on, onPick, children }: GroupRowProps) {
  return (
    <View className={`admin-row${on ? ' admin-row--on' : ''}`} onClick={onPick}>
      <View className="admin-row__main">
        <View className="admin-row__top">
          <Text className="admin-row__name">{group.name}</Text>
          <Text className="admin-badge">{group.exclusive ? '单选' : '多选'}</Text>
          <SyncBadge group={group} />
        </View>
        <View className="admin-row__tags">
          {group.tags.map((t) => (
            <Text key={t.id} className="data-chip">
              {t.name}
            </Text>
          ))}
        </View>
      </View>
      {children}
    </View>
  );
}
