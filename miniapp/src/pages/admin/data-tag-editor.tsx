import { Button } from '@nutui/nutui-react-taro';
import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type ReactNode, useState } from 'react';
import {
  addTag,
  createTagGroup,
  deleteTag,
  deleteTagGroup,
  orderTags,
  saveTag,
  saveTagGroup,
  type Tag,
  type TagGroup,
} from '../../services/admin-data';
import { Chips } from './chips';
import { DetailPanel } from './console-frame';
import { MoveButtons, moved } from './data-move';
import { SyncBadge } from './data-sync-badge';
import { useChange } from './use-change';

// One tag group: its name, single or multiple choice, and its tags, each renamed or deleted on its
// own; or a new group with its first tags. A group synced with WeCom gets every change there too.

const choiceKinds = [
  { value: false, label: '多选（一位客户可有多个）' },
  { value: true, label: '单选（一位客户只能有一个）' },
];

interface Props {
  /** The group to edit; undefined for 新建标签组. */
  group: TagGroup | undefined;
  onSaved(group: TagGroup): void;
  onDeleted(id: number): void;
  onClose(): void;
}

export function TagGroupEditor({ group, onSaved, onDeleted, onClose }: Props) {
  const [name, setName] = useState(group?.name ?? '');
  const [exclusive, setExclusive] = useState(group?.exclusive ?? false);
  // A new group's first tags, still unsaved.
  const [firstTags, setFirstTags] = useState<string[]>([]);
  const [newTag, setNewTag] = useState('');
  const { busy, run } = useChange();
  const withTags = (tags: Tag[]) => group && onSaved({ ...group, tags });

  const saveGroup = () =>
    run(async () => {
      onSaved(
        group
          ? await saveTagGroup(group.id, { name, exclusive })
          : await createTagGroup({ name, exclusive, tags: firstTags.map((n) => ({ name: n })) }),
      );
      void Taro.showToast({ title: '已保存', icon: 'success' });
    });

  const add = () => {
    const tag = newTag.trim();
    if (!tag) return;
    if (!group) {
      if (!firstTags.includes(tag)) setFirstTags([...firstTags, tag]);
      setNewTag('');
      return;
    }
    void run(async () => {
      withTags([...group.tags, await addTag(group.id, { name: tag })]);
      setNewTag('');
      void Taro.showToast({ title: '已添加', icon: 'success' });
    });
  };

  const removeGroup = async () => {
    if (!group) return;
    const { confirm } = await Taro.showModal({
      title: '删除标签组',
      content: `删除「${group.name}」及其 ${group.tags.length} 个标签？客户身上的这些标签一并去掉${group.fromWeCom ? '，企业微信中也会删除' : ''}。`,
      confirmText: '删除',
      confirmColor: '#f53f3f',
    });
    if (confirm)
      await run(async () => {
        await deleteTagGroup(group.id);
        onDeleted(group.id);
      });
  };

  return (
    <DetailPanel back="返回标签组列表" onBack={onClose}>
      <View className="k-card data-editor">
        <View className="admin-editor__title">
          <Text className="admin-card__title">{group ? `编辑「${group.name}」` : '新建标签组'}</Text>
          {group ? <SyncBadge group={group} /> : null}
        </View>
        <Text className="admin-card__hint">标签组名称</Text>
        <Input
          className="admin-input data-editor__label"
          placeholder="如：客户等级"
          value={name}
          maxlength={50}
          onInput={(e) => setName(e.detail.value)}
        />
        <Text className="admin-card__hint">选择方式</Text>
        <Chips choices={choiceKinds} isOn={(v) => v === exclusive} onChoose={setExclusive} />
        <View className="admin-actions">
          <Button type="primary" loading={busy} onClick={() => void saveGroup()}>
            {group ? '保存' : '创建标签组'}
          </Button>
          {group ? (
            <Button fill="outline" type="danger" disabled={busy} onClick={() => void removeGroup()}>
              删除标签组
            </Button>
          ) : null}
        </View>
      </View>
      <View className="k-card data-editor">
        <Text className="admin-card__title">标签</Text>
        {group ? (
          group.tags.map((tag, n) => (
            <TagLine
              key={tag.id}
              tag={tag}
              move={
                <MoveButtons
                  index={n}
                  count={group.tags.length}
                  onMove={(step) => {
                    const ids = moved(
                      group.tags.map((t) => t.id),
                      n,
                      step,
                    );
                    if (ids) void run(async () => onSaved(await orderTags(group.id, ids)));
                  }}
                />
              }
              synced={group.fromWeCom}
              busy={busy}
              run={run}
              onSaved={(saved) => withTags(group.tags.map((t) => (t.id === saved.id ? saved : t)))}
              onDeleted={() => withTags(group.tags.filter((t) => t.id !== tag.id))}
            />
          ))
        ) : (
          <View className="data-options">
            {firstTags.map((t) => (
              <View key={t} className="data-option">
                <Text>{t}</Text>
                <Text
                  className="data-option__remove"
                  onClick={() => setFirstTags(firstTags.filter((x) => x !== t))}
                >
                  ×
                </Text>
              </View>
            ))}
          </View>
        )}
        <View className="data-inline">
          <Input
            className="admin-input data-inline__input data-tag__new"
            placeholder="新标签名称"
            value={newTag}
            maxlength={50}
            onInput={(e) => setNewTag(e.detail.value)}
            onConfirm={add}
          />
          <Button size="small" fill="outline" disabled={busy} onClick={add}>
            添加标签
          </Button>
        </View>
        {group ? null : <Text className="admin-card__hint">至少添加一个标签，再创建标签组。</Text>}
      </View>
    </DetailPanel>
  );
}

interface TagLineProps {
  tag: Tag;
  /** Its 上移 / 下移. */
  move: ReactNode;
  /** The group is synced with WeCom: a tag not yet there is on its way. */
  synced: boolean;
  busy: boolean;
  run(change: () => Promise<void>): Promise<void>;
  onSaved(tag: Tag): void;
  onDeleted(): void;
}

function TagLine({ tag, move, synced, busy, run, onSaved, onDeleted }: TagLineProps) {
  const [name, setName] = useState(tag.name);
  const changed = name.trim() !== tag.name;

  const remove = async () => {
    const { confirm } = await Taro.showModal({
      title: '删除标签',
      content: `删除「${tag.name}」？客户身上的这个标签一并去掉。`,
      confirmText: '删除',
      confirmColor: '#f53f3f',
    });
    if (confirm)
      await run(async () => {
        await deleteTag(tag.id);
        onDeleted();
      });
  };

  return (
    <View className="data-tag">
      {/* Every line keeps the dot's place, so that the names stand aligned. */}
      <View className="data-tag__dot" style={{ background: tag.color ?? 'transparent' }} />
      <Input
        className="admin-input data-tag__name"
        value={name}
        maxlength={50}
        onInput={(e) => setName(e.detail.value)}
      />
      {synced && !tag.synced ? <Text className="admin-badge admin-badge--none">同步中</Text> : null}
      {changed ? (
        <Text
          className="data-tag__action"
          onClick={() =>
            !busy &&
            void run(async () => {
              onSaved(await saveTag(tag.id, { name }));
              void Taro.showToast({ title: '已保存', icon: 'success' });
            })
          }
        >
          保存
        </Text>
      ) : null}
      <Text className="data-tag__action data-tag__action--danger" onClick={() => !busy && void remove()}>
        删除
      </Text>
      {move}
    </View>
  );
}
