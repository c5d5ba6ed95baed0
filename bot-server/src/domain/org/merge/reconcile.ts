import { type DataScope, dataScopes, SalesTargetSchema, type User, UserSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Auditor } from '../../audit/audit.js';
import { rolesOf } from '../../auth/profile.js';
import { dropRole, holdRole } from '../../roles/hold.js';

// What the kept user may hold already when the merged one's records come over: the same role, a
// target for the same month, a collaboration on the same customer. One person holds each once.

/** `dataScopes` runs from the narrowest (self) to the widest (all). */
const wider = (a: DataScope, b: DataScope) => dataScopes.indexOf(a) > dataScopes.indexOf(b);

/**
 * The merged user's roles go to the kept one through the one writer of roles (audited there). A role
 * both hold keeps the wider of the two scopes: the person had it on one account or the other.
 */
export async function reconcileRoles(em: EntityManager, auditor: Auditor, kept: User, other: User) {
  const mine = await rolesOf(em, kept);
  const theirs = await rolesOf(em, other);
  for (const held of theirs) {
    const current = mine.find((a) => a.role.id === held.role.id);
    if (!current || wider(held.scope, current.scope))
      await holdRole(em, auditor, kept, {
        role: held.role,
        scope: held.scope,
        department: held.department ?? null,
      });
  }
  for (const held of theirs) await dropRole(em, auditor, other, held.role);
}

/** A month with a target on both accounts keeps the kept one's; the merged one's is dropped and answered. */
export async function reconcileTargets(em: EntityManager, kept: User, other: User) {
  const months = new Set((await em.find(SalesTargetSchema, { user: kept })).map((t) => t.month));
  const dropped: { month: string; amountCents: number }[] = [];
  for (const target of await em.find(SalesTargetSchema, { user: other }, { orderBy: { month: 'asc' } })) {
    if (months.has(target.month)) {
      dropped.push({ month: target.month, amountCents: target.amountCents });
      em.remove(target);
    } else target.user = kept;
  }
  await em.flush();
  return dropped;
}

/**
 * The merged user's collaborations become the kept one's, except on customers the kept user already
 * collaborates on or owns (the customers have changed hands before this runs).
 */
export async function reconcileCollaborations(em: EntityManager, kept: User, other: User) {
  await em.execute(
    `delete from customer_collaborator c where c.user_id = ? and (
       exists (select 1 from customer_collaborator k where k.customer_id = c.customer_id and k.user_id = ?)
       or exists (select 1 from customer o where o.id = c.customer_id and o.owner_id = ?))`,
    [other.id, kept.id, kept.id],
  );
  await em.execute('update customer_collaborator set user_id = ? where user_id = ?', [kept.id, other.id]);
}

/**
 * Whoever reported to the merged user reports to the kept one; the kept user, if they reported to
 * their own other account, reports to its manager. Users merged into the merged one earlier now
 * name the kept one, so "merged into" is always a live user.
 */
export async function reconcilePeople(em: EntityManager, kept: User, other: User) {
  if (kept.managerId === other.id)
    kept.managerId = other.managerId === kept.id ? null : (other.managerId ?? null);
  await em.flush();
  await em.nativeUpdate(UserSchema, { managerId: other.id, id: { $ne: kept.id } }, { managerId: kept.id });
  await em.nativeUpdate(UserSchema, { mergedIntoId: other.id }, { mergedIntoId: kept.id });
}
