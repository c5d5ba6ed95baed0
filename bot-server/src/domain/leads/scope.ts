import type { Lead } from '@kelian/orm';
import type { FilterQuery } from '@mikro-orm/postgresql';
import type { Access } from '../access/access.js';
import { grantCondition, grantsFor } from '../access/policy.js';

// Who sees which lead, under the policy's `lead read` grants. A lead waiting to be claimed is
// offered to the team it was routed to (and the pool to everyone who reads leads); once claimed it
// belongs to its owner, and to whoever's data scope covers the owner (their managers). A manager
// also sees the unclaimed leads of the teams below them.

export function leadScope(access: Access, ownDepartmentPath: string | null = null): FilterQuery<Lead> {
  const grants = grantsFor(access, 'lead', 'read');
  if (grants.length === 0) return { id: { $in: [] } };
  if (grants.some((g) => g.scope === 'all')) return {};
  // The teams a member belongs to: their department and every department above it ("/1/4/" → 1, 4).
  const ownTeams = (ownDepartmentPath ?? access.department?.path ?? '')
    .split('/')
    .filter(Boolean)
    .map(Number);
  const managedTeams = grants.flatMap((g) =>
    g.scope === 'self' || g.scope === 'all' ? [] : g.departmentIds,
  );
  return {
    $or: [
      { owner: access.userId },
      { owner: { $or: grants.map((g) => grantCondition(access, g)) } },
      { status: 'new', team: null },
      { status: 'new', team: { $in: [...ownTeams, ...managedTeams] } },
    ],
  } as FilterQuery<Lead>;
}
