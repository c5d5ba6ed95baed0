import { buildQuoteListCard, cardIdFor, formatMoney, QUOTE_LIST_MAX } from '@kelian/cards';
import type { QuoteStatus } from '@kelian/orm';
import { quoteStatusLabels } from '../../api/quotes/present.js';
import { accessOf } from '../../domain/access/access.js';
import { resolveCustomer } from '../../domain/customers/resolve.js';
import { listQuotes } from '../../domain/quotes/list.js';
import { quoteNumber } from '../../domain/quotes/store.js';
import type { BotFeature } from '../../modules/contract.js';
import type { OutboundMessage } from '../../platforms/common.js';
import { customerChoices, noCustomer } from '../customer-choices.js';

// 报价 <客户>: the customer's quotes as a card (status, number, total, 打开), under the asker's
// scope; a name that matches several customers is answered with the choices.

const usage = '报价 <客户名称>';
const text = (t: string): OutboundMessage => ({ kind: 'text', text: t });

export const quoteFeature: BotFeature = ({ bot }) => {
  bot.command({
    name: '报价',
    aliases: ['bj'],
    usage,
    description: '查看客户的报价：状态、金额',
    async run({ em, user, args, event }) {
      const keyword = args.trim();
      if (keyword === '' || keyword.length > 100)
        return text(`请写出客户名称，例如：报价 华为（用法：${usage}）`);
      const access = await accessOf(em, user);
      const match = await resolveCustomer(em, access, keyword);
      if (match.kind === 'none') return noCustomer(keyword);
      if (match.kind === 'many') return customerChoices(match.customers, (n) => `报价 ${n}`);
      const { quotes, next } = await listQuotes(em, access, {
        customerId: match.customer.id,
        limit: QUOTE_LIST_MAX,
      });
      if (quotes.length === 0) return text(`客户「${match.customer.name}」还没有报价`);
      const card = buildQuoteListCard({
        cardId: cardIdFor('quote-list', `${event.platform}-${event.msgId}`, 1),
        customerId: String(match.customer.id),
        customerName: match.customer.name,
        quotes: quotes.map((q) => ({
          id: String(q.id),
          number: quoteNumber(q),
          status: quoteStatusLabels[q.status as QuoteStatus],
          total: formatMoney(q.totalCents),
        })),
        more: next !== null,
      });
      return { kind: 'card', card };
    },
  });
};
