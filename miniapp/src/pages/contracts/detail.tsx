import { formatAmount } from '@kelian/cards/format/money';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ReasonSheet } from '../../components/reason-sheet';
import { RecordProblem, Waiting } from '../../components/states';
import { useRecord } from '../../components/use-record';
import { messageOf } from '../../services/api';
import { APPROVAL_PAGE } from '../../services/approvals';
import { contractPeriod, contractTone } from '../../services/contract-format';
import {
  CONTRACT_EDIT_PAGE,
  CONTRACT_PAGE,
  type Contract,
  fetchContract,
  submitContract,
  terminateContract,
} from '../../services/contracts';
import { DETAIL_PAGE } from '../../services/customers';
import { CONTRACT_PLAN_PAGE, REFUND_PAGE } from '../../services/receivables';
import { ContractAttachments } from './attachments';
import '@nutui/nutui-react-taro/dist/es/packages/popup/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/overlay/style/css';
import '../../components/customer-bits.css';
import '../../components/line.css';
import '../../components/record.css';
import '../../components/sales.css';
import './contracts.css';

// One contract: its figures and state, and what its state allows: a draft is changed or sent for
// approval, an active one can be ended early (终止, with a reason); its scans are listed and added.
// Its approval opens from here once it was submitted; a signed one leads to its 回款计划 and 退款.

const terminateReasons = ['客户提前解约', '双方协商终止', '合同条款变更，重新签订'];

export default function ContractDetailPage() {
  const {
    record: contract,
    setRecord,
    error,
    reload,
  } = useRecord(fetchContract, '找不到这份合同', CONTRACT_PAGE);
  const [terminating, setTerminating] = useState(false);
  const [submitting, setSubmitting] = useState(false);

  if (error) {
    return (
      <RecordProblem
        error={error}
        missingDetail="它可能已被删除，或不在你的数据范围内。"
        onRetry={() => void reload()}
      />
    );
  }
  if (!contract) return <Waiting title="正在加载合同…" />;
  const signed = contract.status !== 'draft' && contract.status !== 'pending';

  const submit = async () => {
    setSubmitting(true);
    try {
      const { approvalId, contract: changed } = await submitContract(contract.id);
      setRecord({ ...changed, approvalId });
      void Taro.showToast({ title: '已提交审批', icon: 'none' });
      void Taro.navigateTo({ url: `${APPROVAL_PAGE}?id=${approvalId}` });
    } catch (e) {
      void Taro.showToast({ title: messageOf(e), icon: 'none', duration: 3000 });
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <View className="k-page contract-detail">
      <View className="k-record-head">
        <View className="k-record-head__top">
          <Text className="k-record-head__name">{contract.name}</Text>
          <Text className={`k-pill k-pill--${contractTone[contract.status]} contract-chip`}>
            {contract.statusLabel}
          </Text>
        </View>
        <Text
          className="contract-head__customer"
          onClick={() => void Taro.navigateTo({ url: `${DETAIL_PAGE}?id=${contract.customer.id}` })}
        >
          {contract.customer.name} ›
        </Text>
        <Text className="contract-head__amount">{formatAmount(contract.amountCents, 'exact')}</Text>
        <View className="contract-head__facts">
          <Fact label="合同编号" value={contract.number} />
          <Fact label="负责人" value={contract.owner?.name ?? '无'} />
          <Fact label="合同期" value={contractPeriod(contract)} />
          <Fact label="签约日期" value={contract.signedDate ?? '未填写'} />
        </View>
        {contract.status === 'pending' ? (
          <Text className="contract-head__note">
            审批中：审批人的决定会在聊天里通知你，也可在「审批 · 我发起的」查看进度。
          </Text>
        ) : null}
      </View>

      {contract.approvalId !== null || signed ? (
        <View className="k-card">
          {contract.approvalId !== null ? (
            <Link
              label="审批"
              hint={contract.status === 'pending' ? '查看进度' : '审批记录'}
              url={`${APPROVAL_PAGE}?id=${contract.approvalId}`}
            />
          ) : null}
          {signed ? (
            <>
              <Link label="回款计划" hint="各期与回款记录" url={`${CONTRACT_PLAN_PAGE}?id=${contract.id}`} />
              <Link label="退款" hint="已收与已退" url={`${REFUND_PAGE}?contractId=${contract.id}`} />
            </>
          ) : null}
        </View>
      ) : null}

      <ContractAttachments contract={contract} />

      {actions(contract)}

      <ReasonSheet
        visible={terminating}
        title="终止合同"
        label="终止原因"
        placeholder="写下终止的原因"
        suggestions={terminateReasons}
        required="请填写终止原因（至少 2 个字）"
        confirmText="确认终止"
        onClose={() => setTerminating(false)}
        onConfirm={async (reason) => {
          setRecord({ ...(await terminateContract(contract.id, reason)), approvalId: contract.approvalId });
          setTerminating(false);
          void Taro.showToast({ title: '合同已终止', icon: 'none' });
        }}
      />
    </View>
  );

  function actions(c: Contract) {
    if (c.status === 'draft') {
      return (
        <View className="k-action-bar">
          <Button onClick={() => void Taro.navigateTo({ url: `${CONTRACT_EDIT_PAGE}?id=${c.id}` })}>
            修改
          </Button>
          <Button
            type="primary"
            className="k-action-bar__main"
            loading={submitting}
            onClick={() => void submit()}
          >
            提交审批
          </Button>
        </View>
      );
    }
    if (c.status === 'active') {
      return (
        <View className="k-action-bar">
          <Button className="k-action-bar__danger" onClick={() => setTerminating(true)}>
            终止合同
          </Button>
        </View>
      );
    }
    return null;
  }
}

/** A row that opens another page about this contract. */
function Link({ label, hint, url }: { label: string; hint: string; url: string }) {
  return (
    <View className="k-line contract-link" onClick={() => void Taro.navigateTo({ url })}>
      <View className="k-line__top">
        <Text className="k-line__name">{label}</Text>
        <Text className="contract-link__hint">{hint} ›</Text>
      </View>
    </View>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <View className="contract-fact">
      <Text className="contract-fact__label">{label}</Text>
      <Text className="contract-fact__value">{value}</Text>
    </View>
  );
}
