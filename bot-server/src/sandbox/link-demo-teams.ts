import type { MikroORM } from '@mikro-orm/postgresql';
import type { Group } from './state/org.js';

/**
 * In the sandbox each sales team has its group chat (华北销售部 → 华北销售部群). Links the demo
 * departments to them so team cards have somewhere to go; a link an admin already set is kept.
 */
export async function linkDemoTeamChats(orm: MikroORM, groups: Group[]): Promise<void> {
  const connection = orm.em.getConnection();
  for (const group of groups) {
    await connection.execute(
      `update department set wecom_chat_id = coalesce(wecom_chat_id, ?),
              dingtalk_conversation_id = coalesce(dingtalk_conversation_id, ?)
        where name || '群' = ?`,
      [group.wecom.chatid, group.dingtalk.openConversationId, group.name],
    );
  }
}
