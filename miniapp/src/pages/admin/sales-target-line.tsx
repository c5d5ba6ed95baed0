import { formatAmount } from '@kelian/cards/format/money';
import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { percentOf } from '../../services/sales-format';
import { setTarget } from '../../services/sales-settings';
import { typedCents, wanOf } from './sales-input';
import { useChange } from './use-change';

// One line of the target sheet: a team or a person, their target edited in place (saved when the
// box is left, if it changed), what they won this month and how much of the target that is. A
// refusal shows the server's reason and puts the stored target back in the box.

interface Props {
  month: string;
  of: { userId: number } | { departmentId: number };
  name: string;
  detail: string;
  depth: number;
  team?: boolean;
  amountCents: number | null;
  achievedCents: number;
  onSaved(): void;
}

export function TargetLine({
  month,
  of,
  name,
  detail,
  depth,
  team,
  amountCents,
  achievedCents,
  onSaved,
}: Props) {
  const stored = wanOf(amountCents);
  const [text, setText] = useState(stored);
  const { busy, run } = useChange();
  const percent = percentOf(achievedCents, amountCents);

  const save = async () => {
    if (text.trim() === stored) return;
    let saved = false;
    await run(async () => {
      await setTarget({ month, ...of, amountCents: typedCents(text) });
      saved = true;
    });
    if (saved) onSaved();
    else setText(stored);
  };

  return (
    <View className={`sales-target${team ? ' sales-target--team' : ''}`}>
      <View className="sales-target__name" style={{ paddingLeft: `${depth * 14}px` }}>
        <Text className="sales-target__who">{name}</Text>
        {detail ? <Text className="sales-target__detail">{detail}</Text> : null}
      </View>
      <View className="sales-target__amount">
        <Input
          className={`admin-input sales-target__input${busy ? ' sales-target__input--busy' : ''}`}
          value={text}
          placeholder="未设置"
          onInput={(e) => setText(e.detail.value)}
          onBlur={() => void save()}
        />
      </View>
      <View className="sales-target__won">
        <Text className="sales-target__achieved">{formatAmount(achievedCents)}</Text>
        <Text
          className={`sales-target__percent${percent !== null && percent >= 100 ? ' sales-target__percent--done' : ''}`}
        >
          {percent === null ? '—' : `${percent}%`}
        </Text>
      </View>
    </View>
  );
}
