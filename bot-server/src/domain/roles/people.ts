import { type User, UserSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import { normaliseMobile } from '../org/mobile.js';

/**
 * The active people an identifier names, as a person configuring Kelian writes it: a WeCom or
 * DingTalk user id (exactly), else a mobile (in any spelling: +86, dashes). Several people sharing a
 * mobile are all answered: the caller refuses to guess.
 */
export async function peopleNamed(em: EntityManager, identifier: string): Promise<User[]> {
  const byId = await em.find(
    UserSchema,
    { active: true, $or: [{ wecomUserId: identifier }, { dingtalkUserId: identifier }] },
    { populate: ['department'] },
  );
  if (byId.length > 0) return byId;
  const mobile = normaliseMobile(identifier);
  if (!mobile || !/^1\d{10}$/.test(mobile)) return [];
  // Mobiles are stored as the platform gave them: compared once reduced, in memory (one company).
  const withMobile = await em.find(
    UserSchema,
    { active: true, mobile: { $ne: null } },
    { populate: ['department'] },
  );
  return withMobile.filter((u) => normaliseMobile(u.mobile) === mobile);
}
