import { formatAmount } from '@kelian/cards/format/money';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { messageOf } from '../services/api';
import { contractPeriod } from '../services/contract-format';
import {
  CONTRACT_EDIT_PAGE,
  CONTRACT_PAGE,
  type Contract,
  listCustomerContracts,
} from '../services/contracts';
import type { Opportunity } from '../services/customers';
import { Section } from './section';
import './customer-contracts.css';

// The customer's 合同 on its 360° page: each with its amount, period and state (草稿 / 审批中 /
// 已生效 / 已到期 / 已终止), and a new one, from a won deal (customer and amount filled in) or blank.
// Loaded again each time the page shows: back from a contract, its new state is there.

export function CustomerContracts({
  customerId,
  deals,
}: {
  customerId: number;
  deals: Opportunity[] | null;
}) {
  const [contracts, setContracts] = useState<Contract[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const load = useCallback(() => {
    setProblem(null);
    listCustomerContracts(customerId)
      .then((page) => setContracts(page.items))
      .catch((e: unknown) => setProblem(messageOf(e)));
  }, [customerId]);
  useEffect(load, [load]);
  useDidShow(() => {
    if (contracts !== null) load();
  });

  const won = (deals ?? []).filter((d) => d.status === 'won');
  const create = (opportunityId?: number) =>
    void Taro.navigateTo({
      url: `${CONTRACT_EDIT_PAGE}?customerId=${customerId}${opportunityId ? `&opportunityId=${opportunityId}` : ''}`,
    });

  return (
    <Section title="合同" hint={contracts && contracts.length > 0 ? `${contracts.length} 份` : undefined}>
      {problem ? (
        <Text className="detail__retry" onClick={load}>
          {problem}，点此重试
        </Text>
      ) : contracts === null ? (
        <Text className="profile__empty">正在加载合同…</Text>
      ) : contracts.length === 0 ? (
        <Text className="profile__empty">还没有合同</Text>
      ) : null}
      {contracts?.map((c) => (
        <View
          key={c.id}
          className="contract-line"
          onClick={() => void Taro.navigateTo({ url: `${CONTRACT_PAGE}?id=${c.id}` })}
        >
          <View className="contract-line__top">
            <Text className="contract-line__name">{c.name}</Text>
            <Text className={`contract-chip contract-chip--${c.status}`}>{c.statusLabel}</Text>
          </View>
          <Text className="contract-line__meta">
            {formatAmount(c.amountCents)} · {c.number} · {contractPeriod(c)}
          </Text>
        </View>
      ))}
      <View className="contract-new">
        {won.slice(0, 3).map((d) => (
          <Text key={d.id} className="contract-new__from" onClick={() => create(d.id)}>
            从赢单「{d.name ?? '商机'}」新建合同
          </Text>
        ))}
        <Text className="contract-new__blank" onClick={() => create()}>
          + 新建合同
        </Text>
      </View>
    </Section>
  );
}
