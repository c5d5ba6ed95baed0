import { formatAmount } from '@kelian/cards/format/money';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { type DealSheet, DealSheets, nextStage } from '../../components/deal-sheets';
import { Section } from '../../components/section';
import { RecordProblem, Waiting } from '../../components/states';
import { useRecord } from '../../components/use-record';
import { messageOf } from '../../services/api';
import { when } from '../../services/customer-format';
import { DETAIL_PAGE } from '../../services/customers';
import { type DealDetail, fetchDeal, fetchStages, moveDeal, type StageStep } from '../../services/sales';
import '@nutui/nutui-react-taro/dist/es/packages/popup/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/overlay/style/css';
import '../../components/customer-bits.css';
import '../../components/sales.css';
import './detail.css';

// One deal: what it is worth, where it stands in the pipeline, how it got there (stage history,
// newest first), and the buttons that move it on.

const statusNames: Record<DealDetail['status'], string> = { open: '进行中', won: '已赢单', lost: '已输单' };

export default function OpportunityDetailPage() {
  const loaded = useRecord(async (id) => {
    const [deal, pipeline] = await Promise.all([fetchDeal(id), fetchStages()]);
    return { deal, stages: pipeline.items };
  }, '找不到这个商机');
  const { error, reload: load } = loaded;
  const deal = loaded.record?.deal;
  const stages = loaded.record?.stages ?? [];
  const setDeal = (updated: DealDetail) => loaded.setRecord({ deal: updated, stages });
  const [sheet, setSheet] = useState<DealSheet>(null);
  const [moving, setMoving] = useState(false);

  if (error) {
    return (
      <RecordProblem
        error={error}
        missingDetail="它可能已被删除，或不在你的数据范围内。"
        onRetry={() => void load()}
      />
    );
  }
  if (!deal) return <Waiting title="正在加载商机…" />;

  const open = stages.filter((s) => s.outcome === 'open').sort((a, b) => a.position - b.position);
  const next = nextStage(deal, stages);
  const changed = (updated: DealDetail, message: string) => {
    setDeal(updated);
    void Taro.showToast({ title: message, icon: 'none' });
  };
  const advance = async () => {
    if (!next) return setSheet('stage');
    setMoving(true);
    try {
      changed(await moveDeal(deal.id, next.id), `已推进到「${next.name}」`);
    } catch (e) {
      void Taro.showToast({ title: messageOf(e), icon: 'none' });
    } finally {
      setMoving(false);
    }
  };

  return (
    <View className="k-page deal-detail">
      <View className="deal-head">
        <View className="deal-head__top">
          <Text className="deal-head__name">{deal.name ?? '（名称已隐藏）'}</Text>
          <Text className={`deal-head__status deal-head__status--${deal.status}`}>
            {statusNames[deal.status]}
          </Text>
        </View>
        <Text
          className="deal-head__customer"
          onClick={() => void Taro.navigateTo({ url: `${DETAIL_PAGE}?id=${deal.customer.id}` })}
        >
          {deal.customer.name} ›
        </Text>
        <Text className="deal-head__amount">{formatAmount(deal.amountCents)}</Text>
        <View className="deal-head__facts">
          <Fact label="当前阶段" value={deal.stage.name} />
          <Fact label="赢率" value={`${deal.stage.probability}%`} />
          <Fact label="预计成交" value={deal.expectedCloseDate ?? '未填写'} />
          <Fact label="负责人" value={deal.owner?.name ?? '无'} />
        </View>
        {deal.status === 'lost' && deal.lostReason ? (
          <Text className="deal-head__reason">输单原因：{deal.lostReason}</Text>
        ) : null}
      </View>

      {deal.status === 'open' && open.length > 0 ? (
        <View className="k-card deal-steps">
          {open.map((stage) => (
            <View
              key={stage.id}
              className={`deal-step${stage.position < deal.stage.position ? ' deal-step--done' : ''}${stage.id === deal.stage.id ? ' deal-step--current' : ''}`}
            >
              <View className="deal-step__dot" />
              <Text className="deal-step__name">{stage.name}</Text>
            </View>
          ))}
        </View>
      ) : null}

      {deal.status === 'open' && deal.editable ? (
        <View className="deal-detail__actions">
          <Button className="deal-detail__more" onClick={() => setSheet('stage')}>
            选择阶段 / 输赢
          </Button>
          <Button
            type="primary"
            className="deal-detail__advance"
            loading={moving}
            onClick={() => void advance()}
          >
            {next ? `推进到「${next.name}」` : '赢单 / 输单'}
          </Button>
        </View>
      ) : null}

      <Section title="阶段记录" hint={`${deal.history.length} 条`}>
        {deal.history.length === 0 ? <Text className="deal-history__empty">还没有阶段变化</Text> : null}
        {newestFirst(deal.history).map((step) => (
          <View key={`${step.at}-${step.to.id}`} className="deal-history">
            <View className="deal-history__line">
              <View className={`deal-history__dot deal-history__dot--${step.to.outcome}`} />
            </View>
            <View className="deal-history__main">
              <Text className="deal-history__title">
                {step.from ? `${step.from.name} → ${step.to.name}` : `创建于「${step.to.name}」`}
              </Text>
              {step.note ? <Text className="deal-history__note">{step.note}</Text> : null}
              <Text className="deal-history__meta">
                {when(step.at)}
                {step.by ? ` · ${step.by.name}` : ''}
              </Text>
            </View>
          </View>
        ))}
      </Section>

      <DealSheets deal={deal} stages={stages} sheet={sheet} onSheet={setSheet} onChanged={changed} />
    </View>
  );
}

/** The latest move on top, as people read a history. */
const newestFirst = (steps: StageStep[]) => [...steps].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <View className="deal-fact">
      <Text className="deal-fact__label">{label}</Text>
      <Text className="deal-fact__value">{value}</Text>
    </View>
  );
}
