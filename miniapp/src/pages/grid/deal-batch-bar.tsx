import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { Option } from '../../components/grid/types';
import { batchDeals, type DealBatchChange } from '../../services/deal-grid';
import { Menu, useBatch } from './batch-bar';

// The selected deals' actions: a new owner, another stage, or the recycle bin, for all at once.
// The server changes those the person may change and names the others, and refuses what the
// person's role may not do at all (a rep handing deals over) in its own words.

interface Props {
  selected: number[];
  owners: Option[];
  stages: Option[];
  onDone(): void;
  onClear(): void;
}

export function DealBatchBar({ selected, owners, stages, onDone, onClear }: Props) {
  const [menu, setMenu] = useState<'owner' | 'stage' | null>(null);
  const { busy, run: runBatch } = useBatch({ unit: '个', noun: '商机' }, onDone);
  const run = (change: DealBatchChange) => {
    setMenu(null);
    return runBatch(() => batchDeals(selected, change));
  };

  const remove = async () => {
    const { confirm } = await Taro.showModal({
      title: `删除所选的 ${selected.length} 个商机？`,
      content: '删除的商机不再出现在列表、看板和业绩中。',
      confirmText: '删除',
      confirmColor: '#f53f3f',
    });
    if (confirm) await run({ delete: true });
  };

  const toggle = (which: 'owner' | 'stage') => setMenu(menu === which ? null : which);
  return (
    <View className="grid-batch">
      <Text className="grid-batch__count">已选 {selected.length} 个</Text>
      <Menu
        label="调整阶段"
        open={menu === 'stage'}
        onToggle={() => toggle('stage')}
        options={stages}
        onPick={(v) => void run({ stageId: Number(v) })}
      />
      <Menu
        label="更换负责人"
        open={menu === 'owner'}
        onToggle={() => toggle('owner')}
        options={owners}
        onPick={(v) => void run({ ownerId: Number(v) })}
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
