import {
  type DataScope,
  type Department,
  DepartmentSchema,
  type RightObject,
  type Rights,
  type RightVerb,
  type Role,
  rightObjects,
  rightVerbs,
  type User,
} from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import { rolesOf } from '../auth/profile.js';
import { type MergedFieldRules, mergeFieldRules } from './merge-field-rules.js';

// What a user may reach, computed once per request (or bot command, or card click) from their role
// assignments and handed to every domain call. The questions asked of it live in policy.ts.

/**
 * One role assignment's data scope, resolved to what it covers. A department scope is resolved to
 * the ids of the departments it covers (the one department, or it and every one below it), so the
 * rule "this grant covers that department" is one lookup, in memory and in a query alike.
 */
export type ScopeGrant =
  | { scope: 'self' }
  | { scope: 'department' | 'department_tree'; anchor: number; departmentIds: readonly number[] }
  | { scope: 'all' };

/** Per verb, the union of the scopes of the roles that allow it on the object. */
export type ObjectScopes = Readonly<Partial<Record<RightVerb, readonly ScopeGrant[]>>>;

export interface Access {
  readonly userId: number;
  /** The user's own department (the teams they belong to: it and the ones above it). */
  readonly department: { readonly id: number; readonly path: string } | null;
  /** object → verb → where the user may do it. Absent or empty: nowhere. */
  readonly scopes: Readonly<Record<RightObject, ObjectScopes>>;
  /** Field rules merged over the roles, the most permissive winning; none for an admin. */
  readonly fieldRules: MergedFieldRules;
  /** Shorthands of the scopes above, kept for callers that read them. */
  readonly admin: boolean;
  /** Where the user reads customers. */
  readonly grants: readonly ScopeGrant[];
  /** Where the user hands customers over to someone else. */
  readonly managerGrants: readonly ScopeGrant[];
  /** Where the user reads leads. */
  readonly leadGrants: readonly ScopeGrant[];
}

/** The role code whose holders may do everything, everywhere, whatever their assignment's scope. */
const adminRole = 'admin';

/** A role as the user holds it: what access is computed from (an assignment, or one being previewed). */
export interface HeldRole {
  role: Pick<Role, 'code' | 'rights' | 'fieldRules'>;
  scope: DataScope;
  department?: Pick<Department, 'id' | 'path'> | null;
}

export async function accessOf(em: EntityManager, user: User): Promise<Access> {
  return accessFrom(em, user, await rolesOf(em, user));
}

/** The access `user` would have holding exactly these roles (the admin's preview of unsaved rules). */
export async function accessFrom(
  em: EntityManager,
  user: User,
  assignments: readonly HeldRole[],
): Promise<Access> {
  // The user may come from a session or a bot event with their department not loaded.
  const own = user.department ? await em.findOne(DepartmentSchema, user.department.id) : null;
  const admin = assignments.some((a) => a.role.code === adminRole);
  const resolved = await Promise.all(
    assignments.map(async (a) => ({
      rights: a.role.rights ?? {},
      grant: admin ? ({ scope: 'all' } as const) : await resolveGrant(em, a.scope, a.department ?? own),
    })),
  );
  const scopes = Object.fromEntries(
    rightObjects.map((object) => [object, scopesOf(object, resolved, admin)]),
  ) as Record<RightObject, ObjectScopes>;
  return {
    userId: user.id,
    department: own ? { id: own.id, path: own.path } : null,
    scopes,
    fieldRules: admin ? mergeFieldRules([]) : mergeFieldRules(assignments.map((a) => a.role.fieldRules)),
    admin: (scopes.settings.administer ?? []).length > 0,
    grants: scopes.customer.read ?? [],
    managerGrants: scopes.customer.reassign ?? [],
    leadGrants: scopes.lead.read ?? [],
  };
}

function scopesOf(
  object: RightObject,
  resolved: { rights: Rights; grant: ScopeGrant | undefined }[],
  admin: boolean,
): ObjectScopes {
  return Object.fromEntries(
    rightVerbs
      .map(
        (verb) =>
          [
            verb,
            widest(
              admin
                ? [{ scope: 'all' }]
                : resolved.filter((r) => r.rights[object]?.includes(verb)).map((r) => r.grant),
            ),
          ] as const,
      )
      .filter(([verb, grants]) => grants.length > 0 && (verb === 'administer') === (object === 'settings')),
  );
}

// A scope anchored at a department (the assignment's, else the user's own). Without any department,
// department scopes cover nobody rather than everybody.
async function resolveGrant(
  em: EntityManager,
  scope: DataScope,
  department: Pick<Department, 'id' | 'path'> | null,
): Promise<ScopeGrant | undefined> {
  if (scope === 'self' || scope === 'all') return { scope };
  if (!department) return undefined;
  if (scope === 'department') return { scope, anchor: department.id, departmentIds: [department.id] };
  // Paths are ids between slashes ("/1/4/"): no LIKE wildcard can occur in them.
  const below = await em.find(
    DepartmentSchema,
    { path: { $like: `${department.path}%` } },
    { fields: ['id'] },
  );
  return {
    scope,
    anchor: department.id,
    departmentIds: [...new Set([department.id, ...below.map((d) => d.id)])],
  };
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
