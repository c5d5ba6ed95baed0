import { randomBytes } from 'node:crypto';
import { buildApprovalInboxCard, formatMoney } from '@kelian/cards';
import type { ContractStatus } from '@kelian/orm';
import { contractStatusLabels } from '../../api/contracts/present.js';
import { accessOf } from '../../domain/access/access.js';
import { actingAs } from '../../domain/access/acting.js';
import { listBox } from '../../domain/approvals/list.js';
import { listContracts } from '../../domain/contracts/list.js';
import { resolveCustomer } from '../../domain/customers/resolve.js';
import type { BotFeature } from '../../modules/contract.js';
import { customerChoices, noCustomer } from '../customer-choices.js';

// 审批 (what waits for my decision, as a card) and 合同 <客户> (that customer's contracts).

const shownContracts = 10;

export const approvalCommands: BotFeature = ({ bot }) => {
  bot.command({
    name: '审批',
    aliases: ['待审批', 'sp'],
    usage: '审批',
    description: '查看待我审批的单据（合同等），点开即可审批',
    async run({ em, user }) {
      const acting = await actingAs(em, user, 'bot');
      const page = await listBox(em, acting, 'pending', { limit: 6 });
      const card = buildApprovalInboxCard({
        cardId: `approval-inbox-${user.id}-${randomBytes(5).toString('hex')}`,
        items: page.items.map(({ run }) => ({
          runId: String(run.id),
          submitter: run.submitter.name,
          title: run.title,
        })),
        more: page.next !== null,
      });
      return { kind: 'card', card };
    },
  });

  bot.command({
    name: '合同',
    aliases: ['ht'],
    usage: '合同 <客户>',
    description: '查看客户的合同：编号、金额、状态',
    async run({ em, user, args }) {
      const keyword = args.trim();
      if (keyword === '' || keyword.length > 100)
        return { kind: 'text', text: '请写出客户名称，例如：合同 华为（用法：合同 <客户>）' };
      const access = await accessOf(em, user);
      const match = await resolveCustomer(em, access, keyword);
      if (match.kind === 'none') return noCustomer(keyword);
      if (match.kind === 'many') return customerChoices(match.customers, (n) => `合同 ${n}`);
      const { contracts, next } = await listContracts(em, access, {
        customerId: match.customer.id,
        limit: shownContracts,
      });
      if (contracts.length === 0) return { kind: 'text', text: `客户「${match.customer.name}」还没有合同` };
      const lines = contracts.map(
        (c, i) =>
          `${i + 1}. ${c.number}「${c.name}」${formatMoney(c.amountCents)} · ${contractStatusLabels[c.status as ContractStatus]} · ${c.startDate} 至 ${c.endDate}`,
      );
      const more = next === null ? '' : `\n（只列出最新的 ${shownContracts} 份，其余请在小程序中查看）`;
      return { kind: 'text', text: `「${match.customer.name}」的合同：\n${lines.join('\n')}${more}` };
    },
  });
};
