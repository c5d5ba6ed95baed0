import { formatAmount } from '@kelian/cards/format/money';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { messageOf } from '../services/api';
import {
  listCustomerQuotes,
  QUOTE_EDIT_PAGE,
  QUOTE_PAGE,
  QUOTES_PAGE,
  type QuoteSummary,
} from '../services/quotes';
import { Section } from './section';

// The 报价 section of a customer's 360° page: the newest quotes with status and total, a way to
// write a new one and to see them all (the 报价 sub-package).

const shownHere = 3;

/** The 360° page's own tones (as its deals use them): green when agreed, red when off. */
const tone: Record<QuoteSummary['status'], string> = {
  draft: 'open',
  pending: 'open',
  approved: 'won',
  converted: 'won',
  rejected: 'lost',
  expired: 'lost',
};

export function CustomerQuotes({ customerId }: { customerId: number }) {
  const [quotes, setQuotes] = useState<QuoteSummary[] | null>(null);
  const [more, setMore] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    listCustomerQuotes(customerId)
      .then((page) => {
        setQuotes(page.items.slice(0, shownHere));
        setMore(page.items.length > shownHere || page.nextCursor !== null);
      })
      .catch((e: unknown) => setProblem(messageOf(e)));
  }, [customerId]);

  const go = (url: string) => void Taro.navigateTo({ url });
  return (
    <Section title="报价" hint={quotes && quotes.length > 0 ? `最近 ${quotes.length} 份` : undefined}>
      {problem ? <Text className="detail__retry">{problem}</Text> : null}
      {quotes === null && !problem ? <Text className="profile__empty">正在加载报价…</Text> : null}
      {quotes?.length === 0 ? <Text className="profile__empty">还没有报价</Text> : null}
      {quotes?.map((q) => (
        <View key={q.id} className="deal" onClick={() => go(`${QUOTE_PAGE}?id=${q.id}`)}>
          <View className="deal__top">
            <Text className="deal__name">{q.title}</Text>
            <Text className="deal__amount">{formatAmount(q.totalCents)}</Text>
          </View>
          <View className="deal__meta">
            <Text className={`deal__stage deal__stage--${tone[q.status]}`}>{q.statusLabel}</Text>
            <Text>
              {q.number} · 有效期至 {q.validUntil}
            </Text>
          </View>
        </View>
      ))}
      <View className="deal__meta">
        <Text className="detail__more" onClick={() => go(`${QUOTE_EDIT_PAGE}?customerId=${customerId}`)}>
          新建报价
        </Text>
        {more ? (
          <Text className="detail__more" onClick={() => go(`${QUOTES_PAGE}?customerId=${customerId}`)}>
            全部报价
          </Text>
        ) : null}
      </View>
    </Section>
  );
}
