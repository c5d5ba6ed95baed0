import { accessOf } from '../../domain/access/access.js';
import type { Acting } from '../../domain/access/acting.js';
import { NotPermittedError } from '../../domain/access/errors.js';
import { cardNotices } from '../../domain/approvals/notices.js';
import { resolveCustomer } from '../../domain/customers/resolve.js';
import { InvalidInputError } from '../../domain/errors.js';
import { listOpportunities } from '../../domain/sales/list.js';
import { moveOpportunity, winOpportunity } from '../../domain/sales/opportunities.js';
import { activeStages, stageNamed } from '../../domain/sales/stages.js';
import type { BotFeature } from '../../modules/contract.js';
import type { OutboundMessage } from '../../platforms/common.js';
import { QueueApprovalTodos } from '../approvals/todo-jobs.js';
import { customerChoices, noCustomer } from '../customer-choices.js';
import { dealLine, resolveDeal } from './resolve-deal.js';

// 商机 <客户> lists a customer's deals; 推进 <商机或客户> <阶段> moves one.

const listUsage = '商机 <客户名称>';
const moveUsage = '推进 <商机或客户名称> <阶段>';
const text = (t: string): OutboundMessage => ({ kind: 'text', text: t });

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
      const match = await resolveDeal(em, access, keyword, {
        again: (name) => `推进 ${name} ${stage.name}`,
        usage: moveUsage,
        openOnly: true,
      });
      if (match.kind === 'reply') return match.message;
      const acting: Acting = { user, access, via: 'bot', requestId: `${event.platform}-${event.msgId}` };
      try {
        const deal =
          stage.outcome === 'won'
            ? await winOpportunity(em, acting, match.deal.id, notifier)
            : await moveOpportunity(
                em,
                acting,
                { id: match.deal.id, stageId: stage.id },
                { notifier, approvals },
              );
        return text(`已将「${deal.name}」（${deal.customer.name}）推进到「${stage.name}」`);
      } catch (error) {
        if (error instanceof NotPermittedError) return text(error.reason);
        if (error instanceof InvalidInputError) return text(`${error.reason}（用法：${moveUsage}）`);
        throw error;
      }
    },
  });
};
