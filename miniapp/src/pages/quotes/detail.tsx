import { formatAmount } from '@kelian/cards/format/money';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { Section } from '../../components/section';
import { type LoadError, loadErrorOf, RecordProblem, Waiting } from '../../components/states';
import { messageOf } from '../../services/api';
import { isMiniProgram } from '../../services/client';
import { CONTRACT_PAGE } from '../../services/contracts';
import {
  fetchQuote,
  QUOTE_EDIT_PAGE,
  type Quote,
  type QuoteLine,
  quotePdfLink,
  quoteToContract,
  submitQuote,
} from '../../services/quotes';
import { ContractSheet } from './contract-sheet';
import '@nutui/nutui-react-taro/dist/es/packages/popup/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/overlay/style/css';
import '../../components/customer-bits.css';
import './quotes.css';

// 报价详情: status, lines (the customer's last prices under each, a line below its floor marked),
// the total in figures and capitals; 提交 (approval only below the floor), 转合同 (its terms in a
// sheet, then the new draft contract opens), and the PDF: 下载
// opens it here, 发给客户 copies a 15-minute link to paste into the customer's chat. A link works
// the same in WeCom and DingTalk, in the mini-programs and in h5, where their share APIs differ.

export function LinePrices({ line }: { line: Pick<QuoteLine, 'lastPrices'> }) {
  if (line.lastPrices.length === 0) return <Text className="quote-hint">该客户此前无成交价</Text>;
  return (
    <Text className="quote-hint">
      近三次：
      {line.lastPrices.map((p) => `${formatAmount(p.netUnitPriceCents)}（${p.at.slice(0, 10)}）`).join('、')}
    </Text>
  );
}

export default function QuoteDetailPage() {
  const id = Number(useRouter().params.id);
  const [quote, setQuote] = useState<Quote | null>(null);
  const [error, setError] = useState<LoadError | null>(null);
  const [busy, setBusy] = useState(false);
  const [converting, setConverting] = useState(false);

  const load = useCallback(async () => {
    try {
      setQuote(await fetchQuote(id));
    } catch (e) {
      setError(loadErrorOf(e, '找不到这份报价'));
    }
  }, [id]);
  useDidShow(() => void load());

  const act = async (work: () => Promise<string>) => {
    if (busy) return;
    setBusy(true);
    try {
      void Taro.showToast({ title: await work(), icon: 'none' });
      await load();
    } catch (e) {
      void Taro.showModal({ title: '没有成功', content: messageOf(e), showCancel: false });
    } finally {
      setBusy(false);
    }
  };

  if (error)
    return (
      <RecordProblem
        error={error}
        missingDetail="它可能已被删除，或不在你的权限范围内。"
        onRetry={() => void load()}
      />
    );
  if (!quote) return <Waiting title="正在加载报价…" />;
  const editable = quote.status === 'draft' || quote.status === 'rejected';

  const submit = () =>
    act(async () =>
      (await submitQuote(quote.id)).approvalId === null ? '不低于底价，已直接批准' : '已提交销售主管审批',
    );
  const openPdf = () =>
    act(async () => {
      const { url } = await quotePdfLink(quote.id);
      if (!isMiniProgram()) window.open(url, '_blank');
      else {
        const file = await Taro.downloadFile({ url });
        await Taro.openDocument({ filePath: file.tempFilePath, fileType: 'pdf' });
      }
      return '已打开报价单';
    });
  const shareLink = () =>
    act(async () => {
      const { url } = await quotePdfLink(quote.id);
      await Taro.setClipboardData({
        data: `${quote.customer.name}，您好！报价单 ${quote.number}：${url}（15 分钟内有效）`,
      });
      return '链接已复制，粘贴到客户聊天即可';
    });

  return (
    <View className="k-page quotes">
      <Section title={`${quote.number} · ${quote.title}`}>
        <View className="quote-row__top">
          <Text className={`quote-status quote-status--${quote.status}`}>{quote.statusLabel}</Text>
          <Text className="quote-total">{formatAmount(quote.totalCents)}</Text>
        </View>
        <Text className="quote-words">{quote.totalInWords}</Text>
        <View className="quote-row__meta">
          <Text>客户 {quote.customer.name}</Text>
          <Text>有效期至 {quote.validUntil}</Text>
        </View>
        {quote.listTotalCents > quote.totalCents ? (
          <Text className="quote-hint">
            标准价合计 {formatAmount(quote.listTotalCents)}，优惠{' '}
            {formatAmount(quote.listTotalCents - quote.totalCents)}
          </Text>
        ) : null}
      </Section>

      <Section title="明细" hint={`${quote.lines.length} 项`}>
        {quote.lines.map((line) => (
          <View key={line.position} className="quote-line">
            <View className="quote-line__top">
              <Text className="quote-line__name">{line.product.name}</Text>
              <Text>{formatAmount(line.amountCents)}</Text>
            </View>
            <Text className="quote-line__meta">
              {line.quantity} {line.product.unit} × {formatAmount(line.unitPriceCents)}
              {line.discountPercent > 0 ? ` · 折扣 ${line.discountPercent}%` : ''} · 折后{' '}
              {formatAmount(line.netUnitPriceCents)}
            </Text>
            {line.belowFloor ? (
              <Text className="quote-line__warn">低于底价 {formatAmount(line.floorPriceCents)}，需审批</Text>
            ) : null}
            <LinePrices line={line} />
          </View>
        ))}
      </Section>

      {quote.approvals.length > 0 ? (
        <Section title="审批记录">
          {quote.approvals.map((a) => (
            <Text key={a.id} className="quote-hint">
              审批 #{a.id} ·{' '}
              {{ pending: '审批中', approved: '已同意', rejected: '已驳回', withdrawn: '已撤回' }[a.status]} ·{' '}
              {a.createdAt.slice(0, 10)}
            </Text>
          ))}
        </Section>
      ) : null}

      <View className="quote-actions">
        {editable ? (
          <Text
            className="quote-button"
            onClick={() => void Taro.navigateTo({ url: `${QUOTE_EDIT_PAGE}?id=${quote.id}` })}
          >
            编辑
          </Text>
        ) : null}
        {editable ? (
          <Text className="quote-button quote-button--primary" onClick={() => void submit()}>
            提交
          </Text>
        ) : null}
        {quote.status === 'approved' ? (
          <Text className="quote-button quote-button--primary" onClick={() => setConverting(true)}>
            转合同
          </Text>
        ) : null}
        {quote.contractId ? (
          <Text
            className="quote-hint quote-hint--link"
            onClick={() => void Taro.navigateTo({ url: `${CONTRACT_PAGE}?id=${quote.contractId}` })}
          >
            已转合同，查看 ›
          </Text>
        ) : null}
      </View>
      <View className="quote-actions">
        <Text className="quote-button" onClick={() => void openPdf()}>
          下载 PDF
        </Text>
        <Text className="quote-button" onClick={() => void shareLink()}>
          发给客户
        </Text>
      </View>
      {quote.status === 'approved' ? (
        <ContractSheet
          quote={quote}
          visible={converting}
          onClose={() => setConverting(false)}
          onConfirm={async (terms) => {
            const contract = await quoteToContract(quote.id, terms);
            setConverting(false);
            void Taro.showToast({ title: `已生成合同 ${contract.number}（草稿）`, icon: 'none' });
            void Taro.navigateTo({ url: `${CONTRACT_PAGE}?id=${contract.id}` });
          }}
        />
      ) : null}
    </View>
  );
}
