import { type User, UserSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../../access/acting.js';
import { requireAdministration } from '../../access/policy.js';
import { platformsOf } from './identities.js';

// Likely pairs for the administrator to merge: two active users with the same name, one known only
// to WeCom and one only to DingTalk, which is what the org sync leaves behind when WeCom gives no
// mobile. Only a suggestion: namesakes exist, so a person confirms each merge.

export interface MergeSuggestion {
  wecom: User;
  dingtalk: User;
}

const nameKey = (name: string) => name.replace(/\s+/g, '').toLowerCase();

export async function mergeSuggestions(em: EntityManager, acting: Acting): Promise<MergeSuggestion[]> {
  requireAdministration(acting, 'mergeUsers');
  const single = await em.find(
    UserSchema,
    {
      active: true,
      mergedIntoId: null,
      $or: [
        { wecomUserId: { $ne: null }, dingtalkUserId: null, dingtalkUnionId: null },
        { wecomUserId: null, $or: [{ dingtalkUserId: { $ne: null } }, { dingtalkUnionId: { $ne: null } }] },
      ],
    },
    { populate: ['department'], orderBy: { id: 'asc' } },
  );
  const dingtalkByName = new Map<string, User[]>();
  for (const user of single.filter((u) => platformsOf(u).dingtalk))
    dingtalkByName.set(nameKey(user.name), [...(dingtalkByName.get(nameKey(user.name)) ?? []), user]);
  return single
    .filter((u) => platformsOf(u).wecom)
    .flatMap((wecom) =>
      (dingtalkByName.get(nameKey(wecom.name)) ?? []).map((dingtalk) => ({ wecom, dingtalk })),
    );
}
