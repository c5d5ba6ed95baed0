import { formatAmount } from '@kelian/cards/format/money';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { Section } from '../../components/section';
import { messageOf } from '../../services/api';
import { contractPeriod, contractTone } from '../../services/contract-format';
import {
  CONTRACT_EDIT_PAGE,
  CONTRACT_PAGE,
  type ContractSummary,
  listCustomerContracts,
} from '../../services/contracts';
import type { Opportunity } from '../../services/customers';

// The customer's 合同 on its 单据 page: each with its amount, period and state (草稿 / 审批中 /
// 已生效 / 已到期 / 已终止), and a new one, from a won deal (customer and amount filled in) or blank.
// Loaded again each time the page shows: back from a contract, its new state is there.

export function ContractsSection({ customerId, deals }: { customerId: number; deals: Opportunity[] | null }) {
  const [contracts, setContracts] = useState<ContractSummary[] | null>(null);
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
        <Text className="documents__retry" onClick={load}>
          {problem}，点此重试
        </Text>
      ) : contracts === null ? (
        <Text className="documents__empty">正在加载合同…</Text>
      ) : contracts.length === 0 ? (
        <Text className="documents__empty">还没有合同</Text>
      ) : null}
      {contracts?.map((c) => (
        <View
          key={c.id}
          className="k-line contract-line"
          onClick={() => void Taro.navigateTo({ url: `${CONTRACT_PAGE}?id=${c.id}` })}
        >
          <View className="k-line__top">
            <Text className="k-line__name">{c.name}</Text>
            <Text className={`k-pill k-pill--${contractTone[c.status]} contract-chip`}>{c.statusLabel}</Text>
          </View>
          <Text className="k-line__meta">
            {formatAmount(c.amountCents)} · {c.number} · {contractPeriod(c)}
          </Text>
        </View>
      ))}
      <View className="documents__links documents__links--column">
        {won.slice(0, 3).map((d) => (
          <Text key={d.id} className="documents__more" onClick={() => create(d.id)}>
            从赢单「{d.name ?? '商机'}」新建合同
          </Text>
        ))}
        <Text className="documents__more" onClick={() => create()}>
          + 新建合同
        </Text>
      </View>
    </Section>
  );
}
