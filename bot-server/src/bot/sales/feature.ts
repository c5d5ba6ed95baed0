import { formatAmount } from '@kelian/cards';
import { type Opportunity, OpportunitySchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Access, accessOf } from '../../domain/access/access.js';
import type { Acting } from '../../domain/access/acting.js';
import { NotPermittedError } from '../../domain/access/errors.js';
import { opportunityScope } from '../../domain/access/scope.js';
import { cardNotices } from '../../domain/approvals/notices.js';
import { resolveCustomer } from '../../domain/customers/resolve.js';
import { InvalidInputError } from '../../domain/errors.js';
import { containsPattern } from '../../domain/lists/contains.js';
import { listOpportunities } from '../../domain/sales/list.js';
import { moveOpportunity, winOpportunity } from '../../domain/sales/opportunities.js';
import { presentOpportunity } from '../../domain/sales/records.js';
import { activeStages, stageNamed } from '../../domain/sales/stages.js';
import { opportunityPopulate } from '../../domain/sales/store.js';
import type { BotFeature } from '../../modules/contract.js';
import type { OutboundMessage } from '../../platforms/common.js';
import { QueueApprovalTodos } from '../approvals/todo-jobs.js';
import { customerChoices, noCustomer } from '../customer-choices.js';

// 商机 <客户> lists a customer's deals; 推进 <商机或客户> <阶段> moves one. A name that matches
// several customers or deals is answered with the choices, never acted on by a guess.

const listUsage = '商机 <客户名称>';
const moveUsage = '推进 <商机或客户名称> <阶段>';
const text = (t: string): OutboundMessage => ({ kind: 'text', text: t });

/** One deal as a chat line, through the presenter: a hidden amount is left out, a masked one stays masked. */
function dealLine(access: Access, deal: Opportunity, n: number): string {
  const d = presentOpportunity(access, deal);
  const amount = d.amountCents === undefined ? '' : ` · ${formatAmount(d.amountCents)}`;
  const date = d.expectedCloseDate ? ` · 预计 ${d.expectedCloseDate}` : '';
  return `${n}. ${d.name ?? '（名称不可见）'} · ${d.stage.name}${amount}${date}`;
}

type DealMatch = { kind: 'one'; deal: Opportunity } | { kind: 'reply'; message: OutboundMessage };

/** The open deal a keyword names: by the deal's name first, then by its customer's. */
async function resolveDeal(
  em: EntityManager,
  access: Access,
  keyword: string,
  stage: string,
): Promise<DealMatch> {
  const byName = await em.find(
    OpportunitySchema,
    {
      $and: [
        opportunityScope(access, 'change'),
        { status: 'open', name: { $ilike: containsPattern(keyword) } },
      ],
    },
    { populate: opportunityPopulate, limit: 6, orderBy: { id: 'asc' } },
  );
  const exact = byName.filter((d) => d.name === keyword);
  const named = exact.length === 1 ? exact : byName;
  if (named.length === 1) return { kind: 'one', deal: named[0]! };
  if (named.length > 1) return { kind: 'reply', message: dealChoices(access, named, stage) };
  const customer = await resolveCustomer(em, access, keyword, 'change');
  if (customer.kind === 'none')
    return {
      kind: 'reply',
      message: text(`没有找到你可以推进的商机或客户「${keyword}」。用法：${moveUsage}`),
    };
  if (customer.kind === 'many')
    return { kind: 'reply', message: customerChoices(customer.customers, (n) => `推进 ${n} ${stage}`) };
  const { deals } = await listOpportunities(em, access, {
    customerId: customer.customer.id,
    status: 'open',
    limit: 6,
  });
  if (deals.length === 0)
    return { kind: 'reply', message: text(`客户「${customer.customer.name}」没有进行中的商机`) };
  if (deals.length === 1) return { kind: 'one', deal: deals[0]! };
  return { kind: 'reply', message: dealChoices(access, deals, stage) };
}

function dealChoices(access: Access, deals: Opportunity[], stage: string): OutboundMessage {
  const lines = deals.map((d, i) => `${dealLine(access, d, i + 1)} · 客户 ${d.customer.name}`);
  return text(
    `找到 ${deals.length} 个匹配的商机，请写出完整的商机名称再发一次：\n${lines.join('\n')}\n例如：推进 ${deals[0]!.name} ${stage}`,
  );
}

export const salesFeature: BotFeature = ({ bot, notifier, queue }) => {
  const approvals = cardNotices(notifier, new QueueApprovalTodos(queue));
  bot.command({
    name: '商机',
    aliases: ['sj'],
    usage: listUsage,
    description: '查看客户的商机：阶段、金额、预计成交日期',
    async run({ em, user, args }) {
      const keyword = args.trim();
      if (keyword === '' || keyword.length > 100)
        return text(`请写出客户名称，例如：商机 华为（用法：${listUsage}）`);
      const access = await accessOf(em, user);
      const match = await resolveCustomer(em, access, keyword);
      if (match.kind === 'none') return noCustomer(keyword);
      if (match.kind === 'many') return customerChoices(match.customers, (n) => `商机 ${n}`);
      const { deals } = await listOpportunities(em, access, { customerId: match.customer.id, limit: 20 });
      if (deals.length === 0) return text(`客户「${match.customer.name}」还没有商机`);
      return text(
        `「${match.customer.name}」的商机：\n${deals.map((d, i) => dealLine(access, d, i + 1)).join('\n')}`,
      );
    },
  });

  bot.command({
    name: '推进',
    aliases: ['tj'],
    usage: moveUsage,
    description: '把商机推进到某个阶段（或赢单）',
    async run({ em, user, args, event }) {
      const words = args.trim().split(/\s+/);
      const stageName = words.length >= 2 ? words.pop()! : '';
      const keyword = words.join(' ');
      const stages = await activeStages(em);
      const reachable = stages.filter((s) => s.outcome !== 'lost').map((s) => s.name);
      if (!stageName || keyword.length > 100)
        return text(
          `请写出商机（或客户）和阶段，例如：推进 华为 ${reachable[1] ?? '需求确认'}（用法：${moveUsage}）`,
        );
      const named = stageNamed(stages, stageName);
      if (named.kind === 'many')
        return text(
          `「${stageName}」可以是这些阶段：${named.stages.map((s) => s.name).join('、')}，请写出完整的阶段名称（用法：${moveUsage}）`,
        );
      const stage = named.kind === 'one' ? named.stage : undefined;
      if (!stage || stage.outcome === 'lost')
        return text(
          `${stage ? '输单需要填写原因，请在小程序中操作。' : `没有「${stageName}」这个阶段。`}可以推进到：${reachable.join('、')}（用法：${moveUsage}）`,
        );
      const access = await accessOf(em, user);
      const match = await resolveDeal(em, access, keyword, stage.name);
      if (match.kind === 'reply') return match.message;
      const acting: Acting = { user, access, via: 'bot', requestId: `${event.platform}-${event.msgId}` };
      try {
        const deal =
          stage.outcome === 'won'
            ? await winOpportunity(em, acting, match.deal.id, notifier)
            : await moveOpportunity(em, acting, match.deal.id, stage.id, notifier, approvals);
        return text(`已将「${deal.name}」（${deal.customer.name}）推进到「${stage.name}」`);
      } catch (error) {
        if (error instanceof NotPermittedError) return text(error.reason);
        if (error instanceof InvalidInputError) return text(`${error.reason}（用法：${moveUsage}）`);
        throw error;
      }
    },
  });
};
