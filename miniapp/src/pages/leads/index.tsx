import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { claim, leadContact, leadStatusNames } from '../../components/lead-claim';
import { PagedList } from '../../components/paged-list';
import { Tabs } from '../../components/states';
import { when } from '../../services/customer-format';
import { LEAD_PAGE, type Lead, type LeadView, listLeads } from '../../services/sales';
import { usePagedTabs } from '../../services/use-paged-tabs';
import { useProfile } from '../../services/use-profile';
import '../../components/record.css';
import '../../components/sales.css';
import './index.css';

// 线索: my leads, the pool everyone in the company (or the lead's team) may claim from, and for
// managers the team's. A pool lead is claimed with one tap; a colleague who was quicker is named.

const views: { key: LeadView; label: string; empty: string; detail: string }[] = [
  {
    key: 'mine',
    label: '我的线索',
    empty: '你还没有线索',
    detail: '去「公海」认领线索，或在聊天里对机器人说「新线索 公司 联系人 手机号」。',
  },
  {
    key: 'pool',
    label: '公海',
    empty: '公海里暂时没有线索',
    detail: '新线索到达时，机器人会在群里推送认领卡片。',
  },
  { key: 'team', label: '团队', empty: '团队还没有线索', detail: '分配到团队的线索会显示在这里。' },
];

export default function LeadsPage() {
  const { profile } = useProfile();
  const list = usePagedTabs<LeadView, Lead>('mine', (which, after) => listLeads(which, after));
  const { tab: view, items, error, choose } = list;
  const [claiming, setClaiming] = useState<number | null>(null);

  const manages = profile?.roles.some((r) => r.scope !== 'self') ?? false;
  const shown = views.filter((v) => v.key !== 'team' || manages);
  const spec = views.find((v) => v.key === view) ?? views[0]!;

  const claimFromPool = async (lead: Lead) => {
    setClaiming(lead.id);
    const outcome = await claim(lead);
    setClaiming(null);
    if ('claimed' in outcome) list.setItems((before) => (before ?? []).filter((l) => l.id !== lead.id));
    if ('taken' in outcome) list.reload();
  };

  return (
    <View className="k-page leads">
      <Tabs tabs={shown} current={view} onChoose={choose} />
      {content()}
    </View>
  );

  function content() {
    return (
      <PagedList
        items={items}
        error={error}
        what="线索"
        empty={{
          title: spec.empty,
          detail: spec.detail,
          ...(view === 'mine' ? { actionText: '去公海看看', onAction: () => choose('pool') } : {}),
        }}
        hasMore={list.hasMore}
        countText={`共 ${items?.length ?? 0} 条线索`}
        className="leads__list k-rows"
        onRetry={list.reload}
        onRetryMore={list.loadMore}
      >
        {items?.map((lead) => (
          <LeadRow
            key={lead.id}
            lead={lead}
            claiming={claiming === lead.id}
            onClaim={() => void claimFromPool(lead)}
          />
        ))}
      </PagedList>
    );
  }
}

function LeadRow({ lead, claiming, onClaim }: { lead: Lead; claiming: boolean; onClaim(): void }) {
  const facts = [lead.region, lead.industry, lead.source].filter(Boolean).join(' · ');
  return (
    <View
      className="k-row-card lead-row"
      onClick={() => void Taro.navigateTo({ url: `${LEAD_PAGE}?id=${lead.id}` })}
    >
      <View className="lead-row__top">
        <Text className="lead-row__company">{lead.company ?? '（公司名已隐藏）'}</Text>
        <Text className={`k-status k-status--${lead.status}`}>{leadStatusNames[lead.status]}</Text>
      </View>
      <Text className="lead-row__contact">{leadContact(lead)}</Text>
      {facts ? <Text className="lead-row__facts">{facts}</Text> : null}
      <View className="lead-row__foot">
        <Text className="lead-row__meta">
          {lead.owner ? `${lead.owner.name} 负责 · ` : lead.team ? `${lead.team.name} · ` : ''}
          {when(lead.createdAt)} 登记
        </Text>
        {lead.claimable ? (
          <Text
            className="k-row-action k-row-action--primary"
            onClick={(e) => {
              e.stopPropagation();
              if (!claiming) onClaim();
            }}
          >
            {claiming ? '认领中…' : '认领'}
          </Text>
        ) : null}
      </View>
    </View>
  );
}
