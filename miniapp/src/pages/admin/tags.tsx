import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { Problem } from '../../components/states';
import { listTagGroups, orderTagGroups, type TagGroup } from '../../services/admin-data';
import { AdminSplit, Loaded } from './admin-split';
import { ConsoleFrame } from './console-frame';
import { MoveButtons, moved } from './data-move';
import { SyncBadge } from './data-sync-badge';
import { TagGroupEditor } from './data-tag-editor';
import { useAdminLoad } from './use-admin-load';
import { useChange } from './use-change';
import { NEW, usePicked, withSaved } from './use-picked';
import './data.css';

// 标签组与标签: the groups in their order with their tags and whether WeCom has them, and the
// editor of one beside the list (on a desktop) or instead of it (on a phone).

export default function AdminTagsPage() {
  const setup = useAdminLoad(listTagGroups);
  const { run } = useChange();
  const groups = setup.data;
  const { picked, row: group, editing, pick, setPicked } = usePicked(groups);

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
      <Loaded load={setup} what="标签">
        {(groups) => (
          <AdminSplit
            variant="data"
            editing={editing}
            newLabel="新建标签组"
            onNew={() => pick(NEW)}
            rows={
              groups.length === 0 ? (
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
              )
            }
            editor={
              <TagGroupEditor
                key={picked}
                group={group}
                onSaved={(changed: TagGroup) => {
                  setup.setData(withSaved(groups, changed));
                  setPicked(changed.id);
                }}
                onDeleted={(id) => {
                  setup.setData(groups.filter((g) => g.id !== id));
                  setPicked(null);
                }}
                onClose={() => setPicked(null)}
              />
            }
            hint="选择左侧的一个标签组，重命名、增删标签，或新建一个标签组。"
          />
        )}
      </Loaded>
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
