import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { changeDeal } from './opportunities.js';

// A deal's own DingTalk group (关联商机, said in the group by someone who may change the deal): the
// deal's approval cards are posted there too, for everyone working on it to follow. Any state of
// the deal: a won deal's contract is approved after the win. One group per deal; a group may serve
// several deals of one customer. Null unbinds it.

export async function bindDealGroup(
  em: EntityManager,
  acting: Acting,
  dealId: number,
  conversationId: string | null,
): Promise<void> {
  await changeDeal(em, acting, dealId, async (_tx, deal) => {
    deal.dingtalkConversationId = conversationId;
  });
}
