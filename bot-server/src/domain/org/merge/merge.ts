import type { User } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../../access/acting.js';
import { requireAdministration } from '../../access/policy.js';
import { audit } from '../../audit/audit.js';
import { changesBetween } from '../../audit/changes.js';
import { userById } from '../../roles/assign.js';
import { lockOrg } from '../sync.js';
import { type Counted, countHoldings, movedHoldings } from './holdings.js';
import { identityFields, profileFields, refuseMerge } from './identities.js';
import { reconcileCollaborations, reconcilePeople, reconcileRoles, reconcileTargets } from './reconcile.js';

// An administrator merges two users that are one person (a WeCom account and a DingTalk account the
// org sync could not match: WeCom apps created since 2022 read no mobiles). The kept user takes the
// other's platform identity and everything the other owned or did; the other stays, inactive, marked
// merged into the kept one, so that its past (the audit log) still names someone. The org sync
// leaves merged users out (state.ts), so it neither recreates the split nor revives the merged one.

export interface MergePlan {
  kept: User;
  other: User;
  /** What moves from the other user to the kept one, kind by kind. */
  moves: Counted[];
}

/** What merging `otherId` into `keptId` would move, refused as the merge itself would be. */
export async function previewMerge(
  em: EntityManager,
  acting: Acting,
  keptId: number,
  otherId: number,
): Promise<MergePlan> {
  requireAdministration(acting, 'mergeUsers');
  const { kept, other } = await pair(em, keptId, otherId);
  return { kept, other, moves: await countHoldings(em, other.id) };
}

export async function mergeUsers(
  em: EntityManager,
  acting: Acting,
  keptId: number,
  otherId: number,
): Promise<MergePlan> {
  requireAdministration(acting, 'mergeUsers');
  return em.transactional(async (tx) => {
    // No org sync links or unlinks either of them meanwhile, and two merges of one user wait in turn.
    await lockOrg(tx);
    const { kept, other } = await pair(tx, keptId, otherId);
    const before = { kept: snapshot(kept), other: snapshot(other) };
    const moves = await countHoldings(tx, other.id);

    const identities = identityFields.map((field) => [field, other[field]] as const);
    Object.assign(other, {
      ...Object.fromEntries(identityFields.map((field) => [field, null])),
      active: false,
      mergedIntoId: kept.id,
      mergedAt: new Date(),
    });
    // The platform ids are unique: the other user lets go of them before the kept one takes them.
    await tx.flush();
    for (const [field, id] of identities) if (id) kept[field] = id;
    for (const field of profileFields)
      if (!kept[field] && other[field]) Object.assign(kept, { [field]: other[field] });
    if (before.other.active) kept.active = true;
    await tx.flush();

    for (const holding of movedHoldings) await holding.move(tx, other.id, kept.id);
    await reconcileCollaborations(tx, kept, other);
    await reconcileRoles(tx, acting, kept, other);
    const droppedTargets = await reconcileTargets(tx, kept, other);
    await reconcilePeople(tx, kept, other);

    const moved = Object.fromEntries(moves.filter((m) => m.count > 0).map((m) => [m.key, m.count]));
    audit(tx, acting, {
      action: 'merge',
      objectType: 'user',
      objectId: kept.id,
      changes: {
        ...changesBetween(before.kept, snapshot(kept)),
        merged: {
          before: null,
          after: {
            userId: other.id,
            name: other.name,
            moved,
            ...(droppedTargets.length ? { droppedTargets } : {}),
          },
        },
      },
    });
    audit(tx, acting, {
      action: 'merge',
      objectType: 'user',
      objectId: other.id,
      changes: changesBetween(before.other, snapshot(other)),
    });
    await tx.flush();
    return { kept, other, moves };
  });
}

async function pair(em: EntityManager, keptId: number, otherId: number) {
  const kept = await userById(em, keptId);
  const other = keptId === otherId ? kept : await userById(em, otherId);
  refuseMerge(kept, other);
  return { kept, other };
}

/** A user as the audit log records a merge's change of them. */
const snapshot = (u: User) => ({
  name: u.name,
  mobile: u.mobile ?? null,
  email: u.email ?? null,
  title: u.title ?? null,
  departmentId: u.department?.id ?? null,
  managerId: u.managerId ?? null,
  active: u.active,
  wecomUserId: u.wecomUserId ?? null,
  dingtalkUserId: u.dingtalkUserId ?? null,
  dingtalkUnionId: u.dingtalkUnionId ?? null,
  mergedIntoId: u.mergedIntoId ?? null,
});
