import { formatAmount } from '@kelian/cards/format/money';
import { Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { Section } from '../../components/section';
import { Waiting } from '../../components/states';
import { ApiError, messageOf } from '../../services/api';
import {
  createQuote,
  fetchQuote,
  lastPrices,
  type PastPrice,
  type Product,
  QUOTE_PAGE,
  searchProducts,
  updateQuote,
} from '../../services/quotes';
import { LinePrices } from './detail';
import './quotes.css';

// 编辑报价: pick products from the catalogue, set quantity, unit price (元) and discount (%); under
// each line the customer's last three prices for that product, and "低于底价，需审批" as soon as the
// price after discount drops below the floor. The server checks everything again and says which
// line is wrong.

type Picked = Pick<Product, 'id' | 'name' | 'unit' | 'listPriceCents' | 'floorPriceCents'>;
interface Draft {
  /** Stable across edits and removals: the row's identity for React. */
  key: number;
  product: Picked;
  quantity: string;
  price: string;
  discount: string;
}

let drafted = 0;
const yuan = (cents: number) => (cents / 100).toFixed(2);
const centsOf = (text: string) =>
  /^\d+(\.\d{1,2})?$/.test(text.trim()) ? Math.round(Number(text) * 100) : Number.NaN;
const bpOf = (text: string) => (text.trim() === '' ? 0 : Math.round(Number(text) * 100));
const monthLater = () => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

function belowFloor(line: Draft): boolean {
  const price = centsOf(line.price);
  const bp = bpOf(line.discount);
  return (
    Number.isFinite(price) &&
    Number.isFinite(bp) &&
    price * (10_000 - bp) < line.product.floorPriceCents * 10_000
  );
}

function estimate(line: Draft): number {
  const cents = centsOf(line.price) * Number(line.quantity) * (1 - bpOf(line.discount) / 10_000);
  return Number.isFinite(cents) ? Math.round(cents) : 0;
}

export default function QuoteEditPage() {
  const { params } = useRouter();
  const quoteId = params.id ? Number(params.id) : null;
  const [customerId, setCustomerId] = useState(Number(params.customerId));
  const [title, setTitle] = useState('');
  const [validUntil, setValidUntil] = useState(monthLater());
  const [lines, setLines] = useState<Draft[] | null>(quoteId ? null : []);
  const [past, setPast] = useState<Map<number, PastPrice[]>>(new Map());
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<Product[]>([]);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!quoteId) return;
    void fetchQuote(quoteId).then((q) => {
      setCustomerId(q.customer.id);
      setTitle(q.title);
      setValidUntil(q.validUntil);
      setLines(
        q.lines.map((l) => ({
          key: ++drafted,
          product: { ...l.product, listPriceCents: l.listPriceCents, floorPriceCents: l.floorPriceCents },
          quantity: String(l.quantity),
          price: yuan(l.unitPriceCents),
          discount: l.discountPercent ? String(l.discountPercent) : '',
        })),
      );
    });
  }, [quoteId]);

  const productIds = (lines ?? []).map((l) => l.product.id).join(',');
  useEffect(() => {
    if (!productIds || !customerId) return;
    void lastPrices(customerId, productIds.split(',').map(Number)).then((answer) =>
      setPast(new Map(answer.items.map((i) => [i.productId, i.prices]))),
    );
  }, [customerId, productIds]);

  useEffect(() => {
    const timer = setTimeout(() => void searchProducts(search).then((page) => setFound(page.items)), 250);
    return () => clearTimeout(timer);
  }, [search]);

  if (!lines) return <Waiting title="正在加载报价…" />;
  const change = (i: number, patch: Partial<Draft>) =>
    setLines(lines.map((line, n) => (n === i ? { ...line, ...patch } : line)));
  const add = (p: Product) =>
    setLines([
      ...lines,
      { key: ++drafted, product: p, quantity: '1', price: yuan(p.listPriceCents), discount: '' },
    ]);

  const save = async () => {
    setProblem(null);
    const input = {
      title: title.trim() || '报价',
      validUntil,
      lines: lines.map((l) => ({
        productId: l.product.id,
        quantity: Number(l.quantity),
        unitPriceCents: centsOf(l.price),
        discountPercent: l.discount.trim() === '' ? 0 : Number(l.discount),
      })),
    };
    try {
      const saved = quoteId ? await updateQuote(quoteId, input) : await createQuote({ ...input, customerId });
      void Taro.redirectTo({ url: `${QUOTE_PAGE}?id=${saved.id}` });
    } catch (e) {
      setProblem(
        e instanceof ApiError && e.errors.length > 0 ? (e.errors[0]?.message ?? e.title) : messageOf(e),
      );
    }
  };

  return (
    <View className="k-page quotes">
      <Section title="报价信息">
        <View className="quote-field">
          <Text>名称</Text>
          <Input
            className="quote-input"
            value={title}
            placeholder="例如：仓储自动化一期"
            onInput={(e) => setTitle(e.detail.value)}
          />
        </View>
        <View className="quote-field">
          <Text>有效期至</Text>
          <Input className="quote-input" value={validUntil} onInput={(e) => setValidUntil(e.detail.value)} />
        </View>
      </Section>

      <Section title="明细" hint={`合计约 ${formatAmount(lines.reduce((sum, l) => sum + estimate(l), 0))}`}>
        {lines.length === 0 ? <Text className="profile__empty">从下方产品目录添加产品</Text> : null}
        {lines.map((line, i) => (
          <View key={line.key} className="quote-line">
            <View className="quote-line__top">
              <Text className="quote-line__name">{line.product.name}</Text>
              <Text className="quote-remove" onClick={() => setLines(lines.filter((_, n) => n !== i))}>
                删除
              </Text>
            </View>
            <Text className="quote-hint">
              标准价 {formatAmount(line.product.listPriceCents)} · 底价{' '}
              {formatAmount(line.product.floorPriceCents)}
            </Text>
            <View className="quote-field">
              <Text>数量</Text>
              <Input
                className="quote-input"
                type="number"
                value={line.quantity}
                onInput={(e) => change(i, { quantity: e.detail.value })}
              />
              <Text>单价(元)</Text>
              <Input
                className="quote-input"
                type="digit"
                value={line.price}
                onInput={(e) => change(i, { price: e.detail.value })}
              />
              <Text>折扣%</Text>
              <Input
                className="quote-input"
                type="digit"
                value={line.discount}
                onInput={(e) => change(i, { discount: e.detail.value })}
              />
            </View>
            {belowFloor(line) ? <Text className="quote-line__warn">低于底价，需审批</Text> : null}
            <LinePrices line={{ lastPrices: past.get(line.product.id) ?? [] }} />
          </View>
        ))}
      </Section>

      <Section title="添加产品">
        <Input
          className="quote-input"
          value={search}
          placeholder="搜索产品名称或 SKU"
          onInput={(e) => setSearch(e.detail.value)}
        />
        {found.map((p) => (
          <View key={p.id} className="quote-pick" onClick={() => add(p)}>
            <Text>
              {p.name} · {p.sku} · {formatAmount(p.listPriceCents)}/{p.unit}
            </Text>
          </View>
        ))}
      </Section>

      {problem ? <Text className="quote-line__warn">{problem}</Text> : null}
      <View className="quote-actions">
        <Text className="quote-button quote-button--primary" onClick={() => void save()}>
          保存
        </Text>
      </View>
    </View>
  );
}
