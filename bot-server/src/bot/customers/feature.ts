import { accessOf } from '../../domain/access/access.js';
import { bestMatches } from '../../domain/customers/list.js';
import type { BotFeature } from '../../modules/contract.js';
import { noCustomer } from '../customer-choices.js';
import { customerResultsCard, resultsShown } from './results-card.js';

const usage = '客户 <关键词>';

/**
 * 客户 <关键词>: the customers the asker may see that match best, as a card linking to each profile.
 * In a group the card goes to the asker's direct chat: it shows what their scope lets them see,
 * which is not what every member may see (and WeCom app groups carry no cards).
 */
export const customersFeature: BotFeature = ({ bot, outbox }) => {
  bot.command({
    name: '客户',
    aliases: ['kh', '查客户'],
    usage,
    description: '查找客户（名称、联系人、拼音、首字母或电话后四位），打开客户详情',
    async run({ em, user, args, event }) {
      const keyword = args.trim();
      if (keyword === '')
        return { kind: 'text', text: `请写出要查找的客户，例如：客户 华为（用法：${usage}）` };
      if (keyword.length > 100)
        return { kind: 'text', text: `关键词太长了，请不超过 100 个字（用法：${usage}）` };
      const access = await accessOf(em, user);
      const matches = await bestMatches(em, access, keyword, resultsShown);
      if (matches.customers.length === 0) return noCustomer(keyword);
      const card = customerResultsCard(access, keyword, matches, `${event.platform}-${event.msgId}`);
      if (event.conversation.type !== 'group') return { kind: 'card', card };
      await outbox.enqueue(em, {
        platform: event.platform,
        audience: { kind: 'users', userIds: [event.from] },
        message: { kind: 'card', card },
        lane: 'direct',
      });
      return { kind: 'text', text: `${user.name}，找到的客户已私信发给你。` };
    },
  });
};
