import type { Lead } from '@kelian/orm';
import type { FilterQuery } from '@mikro-orm/postgresql';
import type { Access } from '../access/access.js';
import { userScope } from '../access/scope.js';

// Who sees which lead. A lead waiting to be claimed is offered to the team it was routed to (and the
// pool to everyone with a role that works leads); once claimed it belongs to its owner, and to whoever's data scope
// covers the owner (their managers). A manager also sees the unclaimed leads of the teams below them.

export function leadScope(access: Access, ownDepartmentPath: string | null): FilterQuery<Lead> {
  const grants = access.leadGrants;
  if (grants.length === 0) return { id: { $in: [] } };
  if (grants.some((g) => g.scope === 'all')) return {};
  // The teams a member belongs to: their department and every department above it ("/1/4/" → 1, 4).
  const ownTeams = (ownDepartmentPath ?? '').split('/').filter(Boolean).map(Number);
  const managedTeams = grants.flatMap((g): FilterQuery<Lead>[] =>
    g.scope === 'department_tree'
      ? [{ team: { path: { $like: `${g.path}%` } } }]
      : g.scope === 'department'
        ? [{ team: g.departmentId }]
        : [],
  );
  return {
    $or: [
      { owner: access.userId },
      { owner: userScope({ ...access, grants }) },
      { status: 'new', team: null },
      { status: 'new', team: { $in: ownTeams } },
      ...managedTeams.map((t) => ({ $and: [{ status: 'new' }, t] })),
    ],
  } as FilterQuery<Lead>;
}
