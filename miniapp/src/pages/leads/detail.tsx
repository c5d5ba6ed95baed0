import { Button, Popup } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { FieldError } from '../../components/customer-bits';
import { claim, invalidReasons, leadStatusNames } from '../../components/lead-claim';
import { ReasonSheet } from '../../components/reason-sheet';
import { Section } from '../../components/section';
import { RecordProblem, Waiting } from '../../components/states';
import { useRecord } from '../../components/use-record';
import { ApiError, messageOf } from '../../services/api';
import { when } from '../../services/customer-format';
import { DETAIL_PAGE } from '../../services/customers';
import {
  type ConvertInto,
  convertLead,
  type Duplicate,
  fetchLead,
  markLeadInvalid,
  releaseLead,
} from '../../services/sales';
import { loadSession } from '../../services/session';
import '@nutui/nutui-react-taro/dist/es/packages/popup/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/overlay/style/css';
import '../../components/customer-bits.css';
import '../../components/record.css';
import '../../components/sales.css';
import './index.css';

// One lead: who and what it is, and what its owner does next: convert it into a customer with a
// deal (or merge it into a customer the server says it duplicates), hand it back to the pool, or
// close it as invalid with a reason. A pool lead is claimed here as from the list.

const matchNames: Record<string, string> = {
  name: '名称相同',
  creditCode: '信用代码相同',
  mobile: '手机号相同',
};

export default function LeadDetailPage() {
  const { record: lead, setRecord: setLead, error, reload: load } = useRecord(fetchLead, '找不到这条线索');
  const [busy, setBusy] = useState(false);
  const [invaliding, setInvaliding] = useState(false);
  const [duplicates, setDuplicates] = useState<{ items: Duplicate[]; hidden: number } | null>(null);
  const [mergeProblem, setMergeProblem] = useState<string | null>(null);

  if (error) {
    return (
      <RecordProblem
        error={error}
        missingDetail="它可能已被同事认领，或不在你的数据范围内。"
        onRetry={() => void load()}
      />
    );
  }
  if (!lead) return <Waiting title="正在加载线索…" />;

  const mine = lead.owner?.id === loadSession()?.user.id;

  const run = async (change: () => Promise<void>) => {
    setBusy(true);
    try {
      await change();
    } finally {
      setBusy(false);
    }
  };

  const takeIt = () =>
    run(async () => {
      const outcome = await claim(lead);
      if ('claimed' in outcome) setLead(outcome.claimed);
      if ('taken' in outcome) await load();
    });

  const convert = (into?: ConvertInto) =>
    run(async () => {
      setMergeProblem(null);
      try {
        const done = await convertLead(lead.id, into);
        setDuplicates(null);
        void Taro.showToast({
          title: into && 'customerId' in into ? '已合并到客户，并创建了商机' : '已转化为客户，并创建了商机',
          icon: 'none',
        });
        void Taro.redirectTo({ url: `${DETAIL_PAGE}?id=${done.customerId}` });
      } catch (e) {
        if (e instanceof ApiError && e.code === 'duplicate-customer') {
          const items = Array.isArray(e.body.duplicates) ? (e.body.duplicates as Duplicate[]) : [];
          const hidden = typeof e.body.hiddenCount === 'number' ? e.body.hiddenCount : 0;
          setDuplicates({ items, hidden });
        } else if (duplicates) setMergeProblem(messageOf(e));
        else void Taro.showToast({ title: messageOf(e), icon: 'none' });
        if (e instanceof ApiError && e.code === 'lead-converted') await load();
      }
    });

  const release = () =>
    run(async () => {
      const { confirm } = await Taro.showModal({
        title: '退回公海',
        content: '退回后同事都可以认领这条线索，确定吗？',
        confirmText: '退回',
      });
      if (!confirm) return;
      try {
        setLead(await releaseLead(lead.id));
        void Taro.showToast({ title: '已退回公海', icon: 'none' });
      } catch (e) {
        void Taro.showToast({ title: messageOf(e), icon: 'none' });
      }
    });

  return (
    <View className="k-page lead-detail">
      <View className="k-record-head lead-head">
        <View className="k-record-head__top">
          <Text className="k-record-head__name">{lead.company ?? '（公司名已隐藏）'}</Text>
          <Text className={`k-status k-status--${lead.status} lead-head__status`}>
            {leadStatusNames[lead.status]}
          </Text>
        </View>
        <Text className="lead-head__owner">
          {lead.owner
            ? `负责人：${lead.owner.name}`
            : lead.team
              ? `分配给：${lead.team.name}`
              : '在公海，等待认领'}
          {lead.claimedAt ? ` · ${when(lead.claimedAt)} 认领` : ''}
        </Text>
      </View>

      <Section title="线索信息">
        <Field label="联系人" value={lead.contactName} />
        <Field
          label="手机"
          value={lead.mobile}
          onTap={
            lead.mobile && !lead.mobile.includes('*')
              ? () => void Taro.makePhoneCall({ phoneNumber: lead.mobile as string })
              : undefined
          }
        />
        <Field label="邮箱" value={lead.email} />
        <Field label="地区" value={lead.region} />
        <Field label="行业" value={lead.industry} />
        <Field label="来源" value={lead.source} />
        <Field label="备注" value={lead.note} />
        <Field label="登记时间" value={when(lead.createdAt)} />
        <Field label="最近动态" value={when(lead.lastActivityAt)} />
        {lead.customerId ? (
          <View
            className="lead-field"
            onClick={() => void Taro.navigateTo({ url: `${DETAIL_PAGE}?id=${lead.customerId}` })}
          >
            <Text className="lead-field__label">客户</Text>
            <Text className="lead-field__value lead-field__value--link">查看转化后的客户 ›</Text>
          </View>
        ) : null}
      </Section>

      {lead.claimable ? (
        <View className="k-action-bar lead-actions">
          <Button type="primary" className="k-action-bar__main" loading={busy} onClick={() => void takeIt()}>
            认领这条线索
          </Button>
        </View>
      ) : null}
      {lead.status === 'claimed' && mine ? (
        <View className="k-action-bar lead-actions">
          <Button disabled={busy} onClick={() => void release()}>
            退回公海
          </Button>
          <Button disabled={busy} onClick={() => setInvaliding(true)}>
            无效
          </Button>
          <Button type="primary" className="k-action-bar__main" loading={busy} onClick={() => void convert()}>
            转化为客户
          </Button>
        </View>
      ) : null}

      <ReasonSheet
        visible={invaliding}
        title="标记为无效线索"
        label="无效原因"
        placeholder="例如：电话是空号"
        suggestions={invalidReasons}
        required="请填写无效原因"
        confirmText="标记无效"
        onClose={() => setInvaliding(false)}
        onConfirm={async (reason) => {
          setLead(await markLeadInvalid(lead.id, reason));
          setInvaliding(false);
          void Taro.showToast({ title: '已标记为无效', icon: 'none' });
        }}
      />

      <Popup
        visible={duplicates !== null}
        position="bottom"
        round
        closeable
        title="可能是已有客户"
        onClose={() => setDuplicates(null)}
      >
        <View className="reason-sheet">
          <Text className="duplicates__intro">
            客联里已有相似的客户。选择要合并进的客户，线索会记到该客户名下，并为它创建商机。
          </Text>
          {duplicates?.items.map((dup) => (
            <View
              key={dup.id}
              className="duplicate"
              onClick={() => !busy && void convert({ customerId: dup.id })}
            >
              <View className="duplicate__main">
                <Text className="duplicate__name">{dup.name ?? `客户 #${dup.id}`}</Text>
                <Text className="duplicate__hint">
                  {[(dup.matchedOn ?? []).map((m) => matchNames[m] ?? m).join('、'), dup.owner?.name]
                    .filter(Boolean)
                    .join(' · ')}
                </Text>
              </View>
              <Text className="k-row-action k-row-action--primary">合并到已有客户</Text>
            </View>
          ))}
          {duplicates && duplicates.hidden > 0 ? (
            <Text className="duplicates__none">
              另有 {duplicates.hidden} 位相似客户不在你的数据范围内，请联系主管处理。
            </Text>
          ) : null}
          <Button block fill="outline" disabled={busy} onClick={() => void convert({ force: true })}>
            不是同一客户，仍新建客户
          </Button>
          <FieldError message={mergeProblem ?? undefined} />
        </View>
      </Popup>
    </View>
  );
}

/** A field of the lead; absent when a field rule hides it. `onTap` makes it a link (call the number). */
function Field({ label, value, onTap }: { label: string; value?: string | null; onTap?: () => void }) {
  if (value === undefined) return null;
  return (
    <View className="lead-field" onClick={onTap}>
      <Text className="lead-field__label">{label}</Text>
      <Text className={`lead-field__value${onTap ? ' lead-field__value--link' : ''}`}>{value || '—'}</Text>
    </View>
  );
}
