import { formatAmount } from '@kelian/cards';
import { type Opportunity, OpportunitySchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Access } from '../../domain/access/access.js';
import { opportunityScope } from '../../domain/access/scope.js';
import { resolveCustomer } from '../../domain/customers/resolve.js';
import { containsPattern } from '../../domain/lists/contains.js';
import { listOpportunities } from '../../domain/sales/list.js';
import { presentOpportunity } from '../../domain/sales/records.js';
import { opportunityPopulate } from '../../domain/sales/store.js';
import type { OutboundMessage } from '../../platforms/common.js';
import { customerChoices } from '../customer-choices.js';

// The deal a chat command names (推进, 关联商机): by the deal's name first, then by its customer's.
// A name that matches several customers or deals is answered with the choices, never acted on by a
// guess.

const text = (t: string): OutboundMessage => ({ kind: 'text', text: t });

/** One deal as a chat line, through the presenter: a hidden amount is left out, a masked one stays masked. */
export function dealLine(access: Access, deal: Opportunity, n: number): string {
  const d = presentOpportunity(access, deal);
  const amount = d.amountCents === undefined ? '' : ` · ${formatAmount(d.amountCents)}`;
  const date = d.expectedCloseDate ? ` · 预计 ${d.expectedCloseDate}` : '';
  return `${n}. ${d.name ?? '（名称不可见）'} · ${d.stage.name}${amount}${date}`;
}

export type DealMatch = { kind: 'one'; deal: Opportunity } | { kind: 'reply'; message: OutboundMessage };

export interface DealQuery {
  /** The command again with a deal or customer name in it: 推进 <name> 方案报价. */
  again: (name: string) => string;
  /** How the command is written, for the answer when nothing matched. */
  usage: string;
  /** Open deals only (推进), or also won and lost ones (a won deal's contract still goes through approval). */
  openOnly: boolean;
}

export async function resolveDeal(
  em: EntityManager,
  access: Access,
  keyword: string,
  query: DealQuery,
): Promise<DealMatch> {
  const status = query.openOnly ? { status: 'open' as const } : {};
  const byName = await em.find(
    OpportunitySchema,
    { $and: [opportunityScope(access, 'change'), { ...status, name: { $ilike: containsPattern(keyword) } }] },
    { populate: opportunityPopulate, limit: 6, orderBy: { id: 'asc' } },
  );
  const exact = byName.filter((d) => d.name === keyword);
  const named = exact.length === 1 ? exact : byName;
  if (named.length === 1) return { kind: 'one', deal: named[0]! };
  if (named.length > 1) return { kind: 'reply', message: dealChoices(access, named, query) };
  const customer = await resolveCustomer(em, access, keyword, 'change');
  if (customer.kind === 'none')
    return {
      kind: 'reply',
      message: text(`没有找到你可以操作的商机或客户「${keyword}」。用法：${query.usage}`),
    };
  if (customer.kind === 'many')
    return { kind: 'reply', message: customerChoices(customer.customers, query.again) };
  const { deals } = await listOpportunities(em, access, {
    customerId: customer.customer.id,
    ...status,
    limit: 6,
  });
  if (deals.length === 0)
    return {
      kind: 'reply',
      message: text(`客户「${customer.customer.name}」没有${query.openOnly ? '进行中的' : ''}商机`),
    };
  if (deals.length === 1) return { kind: 'one', deal: deals[0]! };
  return { kind: 'reply', message: dealChoices(access, deals, query) };
}

function dealChoices(access: Access, deals: Opportunity[], query: DealQuery): OutboundMessage {
  const lines = deals.map((d, i) => `${dealLine(access, d, i + 1)} · 客户 ${d.customer.name}`);
  return text(
    `找到 ${deals.length} 个匹配的商机，请写出完整的商机名称再发一次：\n${lines.join('\n')}\n例如：${query.again(deals[0]!.name)}`,
  );
}
