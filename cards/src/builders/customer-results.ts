import type { CardAudience } from '../audience/audience.js';
import { presentPhone } from '../audience/mask.js';
import type { Card } from '../model/card.js';
import { createCard } from '../model/create-card.js';
import { link } from './parts.js';
import { paths } from './paths.js';

/** One customer found, as the asker may see it (the server's presenter has applied field rules). */
export interface CustomerResult {
  id: string;
  name: string;
  /** Undefined: the customer is in the pool (公海). */
  owner?: string;
  /** The primary contact's name; undefined when there is none or it is hidden. */
  contact?: string;
  /** The primary contact's mobile, else the customer's phone; undefined when hidden or empty. */
  phone?: string;
  /** Why it matched when its name does not show it: `联系人 赵文博`, `拼音 星河`. */
  matchedBy?: string;
}

export interface CustomerResultsCardView {
  cardId: string;
  /** What was searched for, as typed. */
  keyword: string;
  /** The best matches, best first: at most CUSTOMER_RESULTS_MAX fit (one row and one link each). */
  customers: CustomerResult[];
  /** More customers matched than are shown. */
  more: boolean;
}

/** The most matches a card shows: one link each, and a WeCom text_notice card has 3 (jump_list). */
export const CUSTOMER_RESULTS_MAX = 3;

/** The answer to `客户 <关键词>`: the matches, each a row and a button opening its profile. */
export function buildCustomerResultsCard(view: CustomerResultsCardView, audience: CardAudience): Card {
  const shown = view.customers.slice(0, CUSTOMER_RESULTS_MAX);
  const only = shown.length === 1 ? shown[0] : undefined;
  const more = view.more || view.customers.length > shown.length;
  return createCard({
    id: view.cardId,
    kind: 'customer_results',
    title: `客户查询：${view.keyword}`,
    subtitle: more ? `最匹配的 ${shown.length} 位客户` : `找到 ${shown.length} 位客户`,
    fields: shown.map((customer) => ({ label: customer.name, value: summary(customer, audience) })),
    status: {
      text: more ? '匹配的客户较多，只显示最匹配的几位；输入更完整的名称可缩小范围' : '点击客户查看详情',
      tone: 'neutral',
      badge: '查询结果',
    },
    actions: shown.map((customer) => link(customer.name, paths.customer(customer.id))),
    ...(only && { link: { path: paths.customer(only.id) } }),
  });
}

function summary(customer: CustomerResult, audience: CardAudience): string {
  const phone = customer.phone === undefined ? undefined : presentPhone(customer.phone, audience.phone);
  const contact = [customer.contact, phone].filter(Boolean).join(' ');
  return [customer.matchedBy && `匹配：${customer.matchedBy}`, `负责人 ${customer.owner ?? '公海'}`, contact]
    .filter(Boolean)
    .join(' · ');
}
