import { formatAmount } from '@kelian/cards/format/money';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { Section } from '../../components/section';
import { Problem, Waiting } from '../../components/states';
import { messageOf } from '../../services/api';
import { listCustomerQuotes, QUOTE_EDIT_PAGE, QUOTE_PAGE, type QuoteSummary } from '../../services/quotes';
import './quotes.css';

// 报价: one customer's quotes, newest first (status, total, validity), and 新建报价.

export default function QuotesPage() {
  const customerId = Number(useRouter().params.customerId);
  const [quotes, setQuotes] = useState<QuoteSummary[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const load = useCallback(
    async (cursor?: string) => {
      setProblem(null);
      try {
        const page = await listCustomerQuotes(customerId, cursor);
        setQuotes((before) => (cursor ? [...(before ?? []), ...page.items] : page.items));
        setNext(page.nextCursor);
      } catch (e) {
        setProblem(messageOf(e));
      }
    },
    [customerId],
  );
  useEffect(() => void load(), [load]);
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  if (problem && !quotes)
    return <Problem title="报价加载失败" detail={problem} onAction={() => void load()} />;
  if (!quotes) return <Waiting title="正在加载报价…" />;
  const customerName = quotes[0]?.customer.name;
  return (
    <View className="k-page quotes">
      <Section title={customerName ? `${customerName} 的报价` : '报价'} hint={`${quotes.length} 份`}>
        {quotes.length === 0 ? <Text className="profile__empty">还没有报价，点下方「新建报价」</Text> : null}
        {quotes.map((q) => (
          <View
            key={q.id}
            className="quote-row"
            onClick={() => void Taro.navigateTo({ url: `${QUOTE_PAGE}?id=${q.id}` })}
          >
            <View className="quote-row__top">
              <Text className="quote-row__title">{q.title}</Text>
              <Text className="quote-row__total">{formatAmount(q.totalCents)}</Text>
            </View>
            <View className="quote-row__meta">
              <Text className={`quote-status quote-status--${q.status}`}>{q.statusLabel}</Text>
              <Text>
                {q.number} · 有效期至 {q.validUntil}
              </Text>
            </View>
          </View>
        ))}
        {next ? (
          <Text className="detail__more" onClick={() => void load(next)}>
            加载更多
          </Text>
        ) : null}
      </Section>
      <View className="quote-actions">
        <Text
          className="quote-button quote-button--primary"
          onClick={() => void Taro.navigateTo({ url: `${QUOTE_EDIT_PAGE}?customerId=${customerId}` })}
        >
          新建报价
        </Text>
      </View>
    </View>
  );
}
