import { formatAmount } from '@kelian/cards/format/money';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { Section } from '../../components/section';
import { messageOf } from '../../services/api';
import {
  listCustomerQuotes,
  QUOTE_EDIT_PAGE,
  QUOTE_PAGE,
  QUOTES_PAGE,
  type QuoteSummary,
} from '../../services/quotes';

// The customer's 报价 on its 单据 page: the newest quotes with status and total, a way to write a
// new one and to see them all (the 报价 sub-package). Loaded again each time the page shows.

const shownHere = 3;

/** Green when agreed, orange under way, red refused, grey not (or no longer) in play. */
const tone: Record<QuoteSummary['status'], string> = {
  draft: 'grey',
  pending: 'orange',
  approved: 'green',
  converted: 'green',
  rejected: 'red',
  expired: 'grey',
};

export function QuotesSection({ customerId }: { customerId: number }) {
  const [quotes, setQuotes] = useState<QuoteSummary[] | null>(null);
  const [more, setMore] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const load = useCallback(() => {
    setProblem(null);
    listCustomerQuotes(customerId)
      .then((page) => {
        setQuotes(page.items.slice(0, shownHere));
        setMore(page.items.length > shownHere || page.nextCursor !== null);
      })
      .catch((e: unknown) => setProblem(messageOf(e)));
  }, [customerId]);
  useEffect(load, [load]);
  // Back from writing or submitting one: its state is new.
  useDidShow(() => {
    if (quotes !== null) load();
  });

  const go = (url: string) => void Taro.navigateTo({ url });
  return (
    <Section title="报价" hint={quotes && quotes.length > 0 ? `最近 ${quotes.length} 份` : undefined}>
      {problem ? <Text className="documents__retry">{problem}</Text> : null}
      {quotes === null && !problem ? <Text className="documents__empty">正在加载报价…</Text> : null}
      {quotes?.length === 0 ? <Text className="documents__empty">还没有报价</Text> : null}
      {quotes?.map((q) => (
        <View key={q.id} className="k-line" onClick={() => go(`${QUOTE_PAGE}?id=${q.id}`)}>
          <View className="k-line__top">
            <Text className="k-line__name">{q.title}</Text>
            <Text className="k-line__amount">{formatAmount(q.totalCents)}</Text>
          </View>
          <View className="k-line__meta">
            <Text>
              {q.number} · 有效期至 {q.validUntil}
            </Text>
            <Text className={`k-pill k-pill--${tone[q.status]}`}>{q.statusLabel}</Text>
          </View>
        </View>
      ))}
      <View className="documents__links">
        <Text className="documents__more" onClick={() => go(`${QUOTE_EDIT_PAGE}?customerId=${customerId}`)}>
          新建报价
        </Text>
        {more ? (
          <Text className="documents__more" onClick={() => go(`${QUOTES_PAGE}?customerId=${customerId}`)}>
            全部报价
          </Text>
        ) : null}
      </View>
    </Section>
  );
}
