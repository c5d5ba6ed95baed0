import { UserSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Acting, actingAs } from '../../access/acting.js';
import { requireAdministration } from '../../access/policy.js';
import { linkFollower } from './link.js';
import type { ExternalContactSource } from './source.js';

export interface ExternalSyncResult {
  reps: number;
  contacts: number;
  created: number;
}

/**
 * Links every external contact of every active rep with a WeCom id, as the add event would have:
 * a missed or lost event is caught up, and running it again changes nothing (each link is
 * idempotent and audits only what it changes). The first rep met owns a new customer.
 */
export async function syncExternalContacts(
  em: EntityManager,
  source: ExternalContactSource,
): Promise<ExternalSyncResult> {
  const reps = await em.find(
    UserSchema,
    { wecomUserId: { $ne: null }, active: true },
    { orderBy: { id: 'asc' } },
  );
  const acting = new Map<string, Acting>();
  for (const user of reps) acting.set(user.wecomUserId!, await actingAs(em, user, 'sync'));
  const result: ExternalSyncResult = { reps: reps.length, contacts: 0, created: 0 };
  for await (const contact of source.followedBy([...acting.keys()])) {
    const rep = acting.get(contact.followers[0]!.userId);
    if (!rep) continue;
    // A fresh context per contact: the sync may walk thousands of them.
    const { created } = await linkFollower(em.fork(), rep, contact);
    result.contacts += 1;
    if (created) result.created += 1;
  }
  return result;
}

/** Only an administrator starts a full sync by hand (it touches every rep's customers). */
export function refuseExternalSync(acting: Acting): void {
  requireAdministration(acting, 'wecomSync');
}
