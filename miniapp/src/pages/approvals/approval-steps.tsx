import { formatMonthDayTime } from '@kelian/cards/format/date';
import { Text, View } from '@tarojs/components';
import { modeNames, stepState, taskStatusNames } from '../../services/approval-format';
import type { Approval, ApprovalStep } from '../../services/approvals';

// The flow's route as this run took it: each step (approver or CC) with its mode (会签 / 或签),
// each person's decision, when and why, and who the current step still waits for.

export function ApprovalSteps({ run }: { run: Approval }) {
  return (
    <View className="approval-steps">
      <View className="approval-step approval-step--done">
        <View className="approval-step__rail">
          <View className="approval-step__dot" />
        </View>
        <View className="approval-step__main">
          <Text className="approval-step__name">发起审批</Text>
          <Text className="approval-step__who">
            {run.submitter.name} · {formatMonthDayTime(run.createdAt)}
          </Text>
        </View>
      </View>
      {run.steps.map((step, index) => (
        <Step key={step.nodeId} step={step} state={stepState(run, index)} />
      ))}
    </View>
  );
}

function Step({ step, state }: { step: ApprovalStep; state: ReturnType<typeof stepState> }) {
  const several = step.tasks.length > 1;
  const mode = step.kind === 'cc' ? '抄送' : several ? modeNames[step.mode] : null;
  return (
    <View className={`approval-step approval-step--${state}`}>
      <View className="approval-step__rail">
        <View className="approval-step__dot" />
      </View>
      <View className="approval-step__main">
        <View className="approval-step__head">
          <Text className="approval-step__name">{step.name}</Text>
          {mode ? <Text className="approval-step__mode">{mode}</Text> : null}
          {state === 'current' ? <Text className="approval-step__now">当前</Text> : null}
        </View>
        {/* A step ahead has no tasks yet: only one reached without approvers says so. */}
        {step.tasks.length === 0 && (state === 'done' || state === 'current') ? (
          <Text className="approval-step__who">
            {step.fallback === 'admin' ? '无审批人，转交管理员' : '无审批人，自动通过'}
          </Text>
        ) : null}
        {step.tasks.map((task) => (
          <View key={task.id} className="approval-task">
            <Text className="approval-task__name">{task.approver.name}</Text>
            <Text className={`approval-task__status approval-task__status--${task.status}`}>
              {task.status === 'pending' ? '等待处理' : taskStatusNames[task.status]}
            </Text>
            {task.actedAt ? (
              <Text className="approval-task__at">{formatMonthDayTime(task.actedAt)}</Text>
            ) : null}
            {task.reason ? <Text className="approval-task__reason">「{task.reason}」</Text> : null}
          </View>
        ))}
      </View>
    </View>
  );
}
