import { Button } from '@nutui/nutui-react-taro';
import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { Option } from '../../components/grid/types';
import { type BatchChange, type BatchOutcome, batchCustomers } from '../../services/grid';
import { showRefusal } from './refusal';

// The selection's actions: a new owner, a level, a tag added, or the recycle bin for all selected
// customers at once. The server changes those the person may change and names the others; the
// answer is told as it is.

interface Props {
  selected: number[];
  owners: Option[];
  tags: Option[];
  canReassign: boolean;
  onDone(outcome: BatchOutcome): void;
  onClear(): void;
}

export function BatchBar({ selected, owners, tags, canReassign, onDone, onClear }: Props) {
  const [menu, setMenu] = useState<'owner' | 'tag' | null>(null);
  const [level, setLevel] = useState('');
  const { busy, run: runBatch } = useBatch({ unit: '位', noun: '客户' }, onDone);
  const run = (change: BatchChange) => {
    setMenu(null);
    return runBatch(() => batchCustomers(selected, change));
  };

  const remove = async () => {
    const { confirm } = await Taro.showModal({
      title: `删除所选的 ${selected.length} 位客户？`,
      content: '删除的客户进入回收站，可以恢复。',
      confirmText: '删除',
      confirmColor: '#f53f3f',
    });
    if (confirm) await run({ delete: true });
  };

  return (
    <View className="grid-batch">
      <Text className="grid-batch__count">已选 {selected.length} 位</Text>
      {canReassign ? (
        <Menu
          label="更换负责人"
          open={menu === 'owner'}
          onToggle={() => setMenu(menu === 'owner' ? null : 'owner')}
          options={[{ value: '', label: '退回公海' }, ...owners]}
          onPick={(v) => void run({ ownerId: v === '' ? null : Number(v) })}
        />
      ) : null}
      <View className="grid-batch__level">
        <Input
          className="grid-batch__input"
          value={level}
          placeholder="等级，如 A"
          onInput={(e) => setLevel(e.detail.value)}
        />
        <Button
          size="small"
          fill="outline"
          disabled={busy}
          onClick={() => void run({ level: level.trim() || null })}
        >
          设置等级
        </Button>
      </View>
      <Menu
        label="添加标签"
        open={menu === 'tag'}
        onToggle={() => setMenu(menu === 'tag' ? null : 'tag')}
        options={tags}
        onPick={(v) => void run({ addTagIds: [Number(v)] })}
      />
      <Button size="small" fill="outline" type="danger" disabled={busy} onClick={() => void remove()}>
        删除
      </Button>
      <Text className="grid-batch__clear" onClick={onClear}>
        取消选择
      </Text>
    </View>
  );
}

/**
 * Runs a batch change and tells its outcome as it is: how many changed, and which did not and why
 * (the first five). Rows are counted in `unit`s of `noun`: 位客户, 条线索.
 */
export function useBatch(
  { unit, noun }: { unit: string; noun: string },
  onDone: (outcome: BatchOutcome) => void,
) {
  const [busy, setBusy] = useState(false);
  const run = async (change: () => Promise<BatchOutcome>) => {
    setBusy(true);
    try {
      const outcome = await change();
      onDone(outcome);
      void Taro.showModal({
        title: `已修改 ${outcome.changed.length} ${unit}${noun}`,
        content:
          outcome.skipped.length === 0
            ? `所选${noun}都已修改。`
            : `${outcome.skipped.length} ${unit}未修改：${outcome.skipped
                .slice(0, 5)
                .map((s) => `${s.name ?? `#${s.id}`}（${s.reason}）`)
                .join('；')}${outcome.skipped.length > 5 ? ' 等' : ''}`,
        showCancel: false,
        confirmText: '知道了',
      });
    } catch (e) {
      showRefusal(e);
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}

/** A batch action that opens a list of choices under its button; a choice runs it. */
export function Menu({
  label,
  open,
  onToggle,
  options,
  onPick,
}: {
  label: string;
  open: boolean;
  onToggle(): void;
  options: Option[];
  onPick(value: string): void;
}) {
  return (
    <View className="grid-batch__menu">
      <Button size="small" fill="outline" onClick={onToggle}>
        {label} ▾
      </Button>
      {open ? (
        <View className="k-grid__menu">
          {options.map((o) => (
            <Text key={o.value} className="k-grid__option" onClick={() => onPick(o.value)}>
              {o.label}
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  );
}
