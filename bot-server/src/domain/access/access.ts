import { type DataScope, DepartmentSchema, type User } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import { rolesOf } from '../auth/profile.js';
import { type MergedFieldRules, mergeFieldRules } from './merge-field-rules.js';

// What a user may reach, computed once per request (or bot command) from their role assignments and
// handed to every domain call. Nothing else in the program decides who sees which customer.

/** One role assignment's data scope, resolved to what it covers. */
export type ScopeGrant =
  | { scope: 'self' }
  | { scope: 'department'; departmentId: number }
  | { scope: 'department_tree'; path: string }
  | { scope: 'all' };

export interface Access {
  readonly userId: number;
  readonly admin: boolean;
  /** The union of every role's scope: what the user may see and change. Empty: no role, nothing. */
  readonly grants: readonly ScopeGrant[];
  /** The scopes of roles that hand customers over to someone else (admin, manager). */
  readonly managerGrants: readonly ScopeGrant[];
  /** The scopes of roles that work leads: every role but the back-office ones. */
  readonly leadGrants: readonly ScopeGrant[];
  /** Field rules merged over the roles, the most permissive winning; none for an admin. */
  readonly fieldRules: MergedFieldRules;
}

/** Role codes (Role.code is the program's stable handle) that may reassign customers in their scope. */
const managingRoles = new Set(['admin', 'manager']);

/**
 * Built-in roles that see customers for their own work (orders, purchases, tickets, invoices) but
 * do not sell: their scope, often `all`, must not open every lead and the pool to them.
 */
const backOfficeRoles = new Set(['procurement', 'service', 'finance']);

export async function accessOf(em: EntityManager, user: User): Promise<Access> {
  const assignments = await rolesOf(em, user);
  // The user may come from a session or a bot event with their department not loaded.
  const own = user.department ? await em.findOne(DepartmentSchema, user.department.id) : null;
  const admin = assignments.some((a) => a.role.code === 'admin');
  const grantOf = (a: (typeof assignments)[number]) => resolveGrant(a.scope, a.department ?? own);
  return {
    userId: user.id,
    admin,
    grants: widest(admin ? [{ scope: 'all' }] : assignments.map(grantOf)),
    managerGrants: widest(assignments.filter((a) => managingRoles.has(a.role.code)).map(grantOf)),
    leadGrants: widest(
      admin ? [{ scope: 'all' }] : assignments.filter((a) => !backOfficeRoles.has(a.role.code)).map(grantOf),
    ),
    fieldRules: admin ? mergeFieldRules([]) : mergeFieldRules(assignments.map((a) => a.role.fieldRules)),
  };
}

// A scope anchored at a department (the assignment's, else the user's own). Without any department,
// department scopes cover nobody rather than everybody.
function resolveGrant(
  scope: DataScope,
  department: { id: number; path: string } | null,
): ScopeGrant | undefined {
  if (scope === 'self' || scope === 'all') return { scope };
  if (!department) return undefined;
  return scope === 'department' ? { scope, departmentId: department.id } : { scope, path: department.path };
}

/** The union of grants with the redundant ones dropped: `all` swallows the rest, duplicates go. */
function widest(grants: (ScopeGrant | undefined)[]): ScopeGrant[] {
  const present = grants.filter((g): g is ScopeGrant => g !== undefined);
  if (present.some((g) => g.scope === 'all')) return [{ scope: 'all' }];
  const seen = new Set<string>();
  return present.filter((g) => {
    const key = JSON.stringify(g);
    return !seen.has(key) && seen.add(key);
  });
}
