import { accessOf } from '../../domain/access/access.js';
import type { Acting } from '../../domain/access/acting.js';
import { bindDealGroup } from '../../domain/sales/deal-group.js';
import type { BotFeature } from '../../modules/contract.js';
import type { OutboundMessage } from '../../platforms/common.js';
import { resolveDeal } from './resolve-deal.js';

// 关联商机 <商机或客户> in a DingTalk group makes it the deal's group (domain/sales/deal-group.ts);
// 取消关联商机 <商机或客户> undoes it. WeCom app group chats carry no interactive cards, so there the
// answer says where the cards go instead.

const bindUsage = '关联商机 <商机或客户名称>';
const unbindUsage = '取消关联商机 <商机或客户名称>';
const text = (t: string): OutboundMessage => ({ kind: 'text', text: t });

export const dealGroupFeature: BotFeature = ({ bot }) => {
  for (const [name, usage, bind] of [
    ['关联商机', bindUsage, true],
    ['取消关联商机', unbindUsage, false],
  ] as const) {
    bot.command({
      name,
      aliases: [],
      usage,
      description: bind
        ? '在钉钉群里说：本群成为商机的群，商机的审批卡片也发到群里'
        : '本群不再接收该商机的审批卡片',
      async run({ em, user, args, event }) {
        if (event.platform === 'wecom')
          return text(
            '企业微信的应用群聊不能显示审批卡片：审批人、发起人和抄送人各自在单聊中收到卡片。商机群目前只支持钉钉群。',
          );
        if (event.conversation.type !== 'group') return text(`请在商机的钉钉群里 @我 说：${usage}`);
        const keyword = args.trim();
        if (keyword === '' || keyword.length > 100) return text(`请写出商机或客户名称（用法：${usage}）`);
        const access = await accessOf(em, user);
        const match = await resolveDeal(em, access, keyword, {
          again: (dealName) => `${name} ${dealName}`,
          usage,
          openOnly: false,
        });
        if (match.kind === 'reply') return match.message;
        const { deal } = match;
        const group = event.conversation.id;
        if (!bind && deal.dingtalkConversationId !== group)
          return text(`「${deal.name}」没有关联本群，无需取消`);
        const acting: Acting = { user, access, via: 'bot', requestId: `${event.platform}-${event.msgId}` };
        await bindDealGroup(em, acting, deal.id, bind ? group : null);
        return text(
          bind
            ? `本群已关联商机「${deal.name}」（${deal.customer.name}）：它的报价、合同等审批卡片也会发到本群，审批仍由审批人在单聊中处理。`
            : `本群已取消关联商机「${deal.name}」，之后的审批卡片不再发到本群。`,
        );
      },
    });
  }
};
