import { Button } from '@nutui/nutui-react-taro';
import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { Option } from '../../components/grid/types';
import { type BatchOutcome, batchLeads, type LeadBatchChange } from '../../services/grid';
import { Menu, useBatch } from './batch-bar';

// The selected leads' actions: hand them to a colleague (for whoever may reassign leads), send the
// claimed ones back to the pool, or close them as invalid with one reason. The server changes those
// the person may change and names the others with the reason.

interface Props {
  selected: number[];
  owners: Option[];
  canReassign: boolean;
  onDone(outcome: BatchOutcome): void;
  onClear(): void;
}

export function LeadBatchBar({ selected, owners, canReassign, onDone, onClear }: Props) {
  const [picking, setPicking] = useState(false);
  const [reason, setReason] = useState('');
  const { busy, run: runBatch } = useBatch({ unit: '条', noun: '线索' }, onDone);
  const run = (change: LeadBatchChange) => {
    setPicking(false);
    return runBatch(() => batchLeads(selected, change));
  };

  return (
    <View className="grid-batch">
      <Text className="grid-batch__count">已选 {selected.length} 条</Text>
      {canReassign ? (
        <Menu
          label="转交给"
          open={picking}
          onToggle={() => setPicking(!picking)}
          options={owners}
          onPick={(v) => void run({ ownerId: Number(v) })}
        />
      ) : null}
      <Button size="small" fill="outline" disabled={busy} onClick={() => void run({ release: true })}>
        退回公海
      </Button>
      <View className="grid-batch__level">
        <Input
          className="grid-batch__input grid-batch__input--reason"
          value={reason}
          placeholder="无效原因，如 空号"
          onInput={(e) => setReason(e.detail.value)}
        />
        <Button
          size="small"
          fill="outline"
          type="danger"
          disabled={busy || reason.trim() === ''}
          onClick={() => void run({ invalid: reason.trim() }).then(() => setReason(''))}
        >
          标记无效
        </Button>
      </View>
      <Text className="grid-batch__clear" onClick={onClear}>
        取消选择
      </Text>
    </View>
  );
}
