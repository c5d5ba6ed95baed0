import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Section } from '../../components/section';
import { RecordProblem, Waiting } from '../../components/states';
import { useRecord } from '../../components/use-record';
import {
  actionNames,
  docTypeName,
  documentFacts,
  progressLine,
  runStatusNames,
  runTones,
} from '../../services/approval-format';
import { APPROVAL_PAGE, type Approval, fetchApproval } from '../../services/approvals';
import { CONTRACT_PAGE } from '../../services/contracts';
import { when } from '../../services/customer-format';
import { loadSession } from '../../services/session';
import { ApprovalSteps } from './approval-steps';
import { DecisionBar } from './decision-bar';
import '../../components/customer-bits.css';
import '../../components/record.css';
import '../../components/sales.css';
import './index.css';
import './detail.css';

// One approval run, as a card's 打开 / 其他原因 lands on it (signed out, 登录 brings the person back
// here): the document's figures as submitted, the flow's steps with who decided what, when and why,
// the log of every action, and the decisions open to me.

const documentPages: Record<string, string> = { contract: CONTRACT_PAGE };

export default function ApprovalDetailPage() {
  const { record: run, setRecord, error, reload } = useRecord(fetchApproval, '找不到这个审批', APPROVAL_PAGE);
  const myId = loadSession()?.user.id;

  if (error) {
    return (
      <RecordProblem
        error={error}
        missingDetail="它可能已被删除，或你不在这个审批里。"
        onRetry={() => void reload()}
      />
    );
  }
  if (!run) return <Waiting title="正在加载审批…" />;

  const changed = (updated: Approval, message: string) => {
    setRecord(updated);
    void Taro.showToast({ title: message, icon: 'none' });
  };
  const documentPage = documentPages[run.docType];

  return (
    <View className="k-page approval-detail">
      <View className="approval-head">
        <View className="approval-head__top">
          <Text className="approval-head__type">
            {docTypeName(run.docType)}审批 · {run.flow.name} v{run.flow.version}
          </Text>
          <Text className={`k-pill k-pill--${runTones[run.status]} approval-status`}>
            {runStatusNames[run.status]}
          </Text>
        </View>
        <Text className="approval-head__title">{run.title}</Text>
        <Text className="approval-head__progress">{progressLine(run)}</Text>
        <View className="approval-head__facts">
          {documentFacts(run.docType, run.document, run.figures).map((fact) => (
            <View key={fact.label} className="approval-fact">
              <Text className="approval-fact__label">{fact.label}</Text>
              <Text className="approval-fact__value">{fact.value}</Text>
            </View>
          ))}
        </View>
        {documentPage ? (
          <Text
            className="approval-head__open"
            onClick={() => void Taro.navigateTo({ url: `${documentPage}?id=${run.docId}` })}
          >
            查看{docTypeName(run.docType)} ›
          </Text>
        ) : null}
      </View>

      <Section title="审批流程" hint={`提交于 ${when(run.createdAt)}`}>
        <ApprovalSteps run={run} />
      </Section>

      <Section title="操作记录" hint={`${run.timeline.length} 条`}>
        {[...run.timeline].reverse().map((entry) => (
          <View key={`${entry.at}-${entry.action}-${entry.step}-${entry.actor?.id}`} className="approval-log">
            <Text className="approval-log__what">
              {entry.actor?.name ?? '系统'} {actionNames[entry.action]}
              {entry.step !== null && run.steps[entry.step] ? ` · ${run.steps[entry.step]!.name}` : ''}
            </Text>
            {entry.reason ? <Text className="approval-log__reason">理由：{entry.reason}</Text> : null}
            <Text className="approval-log__at">{when(entry.at)}</Text>
          </View>
        ))}
      </Section>

      <DecisionBar run={run} myId={myId} onChanged={changed} />
    </View>
  );
}
