import { actingAs } from '../../domain/access/acting.js';
import { refusalSentence } from '../../domain/access/refusals.js';
import { DuplicateLeadError } from '../../domain/leads/duplicates.js';
import { claimLead, createLead, LeadInputError } from '../../domain/leads/leads.js';
import type { BotFeature } from '../../modules/contract.js';
import { duplicateReply } from './duplicate-reply.js';
import { parseNewLead } from './parse-new-lead.js';

/** 新线索 from the bot, and the 认领 button of lead cards. */
export const leadsFeature: BotFeature = ({ bot, notifier }) => {
  bot.command({
    name: '新线索',
    aliases: ['线索', 'lead'],
    usage: '新线索 <公司> <联系人> <手机号> [地区] [来源]',
    description: '登记一条销售线索，按地区推送给对应团队认领',
    async run({ em, user, args }) {
      const input = parseNewLead(args);
      if (typeof input === 'string') return { kind: 'text', text: input };
      try {
        const acting = await actingAs(em, user, 'bot');
        const lead = await createLead(em, acting, input, notifier);
        const where = lead.team ? `已推送到「${lead.team.name}」等待认领` : '未匹配到负责团队，已进入公海';
        return { kind: 'text', text: `已登记线索 #${lead.id}「${lead.company}」，${where}。` };
      } catch (error) {
        if (error instanceof LeadInputError) return { kind: 'text', text: error.message };
        if (error instanceof DuplicateLeadError) return { kind: 'text', text: duplicateReply(error) };
        throw error;
      }
    },
  });
  bot.action('lead.claim', async ({ em, user, action, reply }) => {
    const acting = await actingAs(em, user, 'card');
    const outcome = await claimLead(em, acting, Number(action.id), notifier);
    if (outcome.ok)
      await reply({ kind: 'text', text: `你已认领线索 #${outcome.lead.id}「${outcome.lead.company}」。` });
    else await reply({ kind: 'text', text: refusalSentence(outcome.refusal) });
  });
  for (const verb of ['lead.reassign', 'lead.invalid']) {
    bot.action(verb, async ({ reply }) => {
      await reply({
        kind: 'text',
        text: '转派需要选择接手人、标记无效需要填写原因，请在客联小程序的线索详情中操作。',
      });
    });
  }
};
