import { Input, Text, View } from '@tarojs/components';

// 催办 and 超时转交 of a flow: after how many hours a pending task reminds its approver, and after
// how many it is handed to the approver's manager (empty: never). The server checks the rules
// (whole hours, the hand-over after the reminder) and says what is wrong.

export interface TimerText {
  remind: string;
  escalate: string;
}

export const timerTextOf = (
  flow: { remindAfterHours: number; escalateAfterHours: number | null } | null,
) => ({
  remind: String(flow?.remindAfterHours ?? 24),
  escalate: flow ? (flow.escalateAfterHours === null ? '' : String(flow.escalateAfterHours)) : '48',
});

/** The hours as the API takes them, or the words for what is not a number. */
export function timerHours(
  text: TimerText,
): { remindAfterHours: number; escalateAfterHours: number | null } | { problem: string } {
  const whole = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : null);
  const remind = whole(text.remind);
  if (remind === null) return { problem: '催办时间请填写整数小时，例如 24' };
  if (text.escalate.trim() === '') return { remindAfterHours: remind, escalateAfterHours: null };
  const escalate = whole(text.escalate);
  if (escalate === null) return { problem: '超时转交时间请填写整数小时，不转交请留空' };
  return { remindAfterHours: remind, escalateAfterHours: escalate };
}

interface Props {
  value: TimerText;
  onChange(next: TimerText): void;
}

export function FlowTimers({ value, onChange }: Props) {
  return (
    <View className="flow-editor__row flow-timers">
      <Text className="flow-next__label">催办与超时转交</Text>
      <View className="flow-timers__line">
        <Text>审批人</Text>
        <Input
          className="k-input flow-timers__hours"
          type="number"
          value={value.remind}
          onInput={(e) => onChange({ ...value, remind: e.detail.value })}
        />
        <Text>小时未处理，发卡片催办（不在 20:00–09:00 发送）</Text>
      </View>
      <View className="flow-timers__line">
        <Text>等待</Text>
        <Input
          className="k-input flow-timers__hours"
          type="number"
          placeholder="不转交"
          value={value.escalate}
          onInput={(e) => onChange({ ...value, escalate: e.detail.value })}
        />
        <Text>小时仍未处理，系统转交给审批人的上级（无上级时转给管理员）</Text>
      </View>
    </View>
  );
}
