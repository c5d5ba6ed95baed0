import { DepartmentSchema, OpportunitySchema, type User, UserSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Recipients } from '../../domain/notify/notifier.js';
import type { Audience, PlatformName } from '../../platforms/common.js';

/**
 * Maps CRM recipients onto one platform. A team with a linked DingTalk group gets the card in the
 * group. WeCom app group chats cannot carry interactive cards, so on WeCom every member gets their
 * own copy (and every copy is updated together later). A deal's group is a DingTalk group only, for
 * the same reason. Undefined: nobody to reach on that platform.
 */
export async function platformAudience(
  em: EntityManager,
  platform: PlatformName,
  recipients: Recipients,
): Promise<Audience | undefined> {
  const idOf = (u: User) => (platform === 'wecom' ? u.wecomUserId : u.dingtalkUserId);
  if (recipients.kind === 'deal') {
    const deal = await em.findOne(
      OpportunitySchema,
      { id: recipients.opportunityId },
      { fields: ['dingtalkConversationId'] },
    );
    const group = platform === 'dingtalk' ? deal?.dingtalkConversationId : null;
    return group ? { kind: 'group', conversationId: group } : undefined;
  }
  let users: User[];
  if (recipients.kind === 'team') {
    const team = await em.findOneOrFail(DepartmentSchema, { id: recipients.departmentId });
    if (platform === 'dingtalk' && team.dingtalkConversationId) {
      return { kind: 'group', conversationId: team.dingtalkConversationId };
    }
    users = await em.find(UserSchema, { active: true, department: { path: { $like: `${team.path}%` } } });
  } else {
    users = await em.find(UserSchema, { id: { $in: recipients.userIds }, active: true });
  }
  const userIds = users.map(idOf).filter((id): id is string => Boolean(id));
  return userIds.length > 0 ? { kind: 'users', userIds } : undefined;
}
