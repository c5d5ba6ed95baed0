import type { RightObject, RightVerb, User } from '@kelian/orm';
import type { FilterQuery } from '@mikro-orm/postgresql';
import type { Access, ScopeGrant } from './access.js';
import type { Acting } from './acting.js';
import { NotPermittedError } from './errors.js';
import type { SettingsArea } from './refusals.js';

// The permissions policy: the one place that answers "may this acting user do this with that?".
// Every door (the API's routes, the bot's commands and card actions, cards) reaches records through
// domain calls that ask it, as query conditions for lists and loads (scope.ts builds them from the
// functions below) or as a yes/no for one record.
//
//   object       verbs                                           whose records
//   customer     read, edit, delete, reassign, export, approve   by owner (and collaborators); the pool
//   (contacts, follow-ups and a customer's tags go with the customer's rights)
//   lead         read, edit, claim, reassign, export             by owner; unclaimed ones by team
//   opportunity  read, edit, delete, reassign, export, approve   like its customer
//   task         read, edit, reassign, export                    by assignee
//   contract     read, edit, delete, export, approve             like its customer (contracts/store.ts)
//   approval     read                                            runs submitted by people in scope
//   product      read, edit, delete, export                      the catalogue (issue 14, later)
//   application  read, edit                                      by applicant (edit: apply)
//   settings     administer                                      company-wide (tags, rules, fields, stages…)
//
// A role grants verbs per object (Role.rights) within its data scope (self, department, department
// and children, all); reading and editing are separate rights, so a procurement user reads every
// customer and changes none. Fields are ruled on top (field-rules.ts, present.ts). Deciding a step
// of an approval needs no verb: the flow names its approvers (domain/approvals); everyone reads the
// runs they submitted or are named on.

/** Where the user may do `verb` with `object`: the union of their roles' scopes, or none. */
export function grantsFor(access: Access, object: RightObject, verb: RightVerb): readonly ScopeGrant[] {
  return access.scopes[object]?.[verb] ?? [];
}

/** Whether the user may do `verb` with some `object` at all (somewhere). */
export const mayAtAll = (access: Access, object: RightObject, verb: RightVerb): boolean =>
  grantsFor(access, object, verb).length > 0;

// The department-coverage rule, written once: a grant covers a department when it is `all`, or the
// department is among those its scope was resolved to (access.ts). Users are covered through their
// department, or, for `self`, by being the user.

export function grantCoversDepartment(grant: ScopeGrant, departmentId: number | null | undefined): boolean {
  if (grant.scope === 'all') return true;
  if (grant.scope === 'self' || departmentId == null) return false;
  return grant.departmentIds.includes(departmentId);
}

export function grantCoversUser(
  access: Access,
  grant: ScopeGrant,
  user: { id: number; department?: { id: number } | null } | null | undefined,
): boolean {
  if (!user) return false;
  if (grant.scope === 'self') return user.id === access.userId;
  return grantCoversDepartment(grant, user.department?.id);
}

/** The same rule as a query condition on users. */
export function grantCondition(access: Access, grant: ScopeGrant): FilterQuery<User> {
  switch (grant.scope) {
    case 'self':
      return { id: access.userId };
    case 'all':
      return {};
    default:
      return { department: { $in: [...grant.departmentIds] } };
  }
}

/** The same rule as a query condition on departments. */
export function departmentCondition(grants: readonly ScopeGrant[]): FilterQuery<{ id: number }> {
  if (grants.some((g) => g.scope === 'all')) return {};
  return {
    id: { $in: grants.flatMap((g) => (g.scope === 'self' || g.scope === 'all' ? [] : g.departmentIds)) },
  };
}

/** The users whose records the user may do `verb` with: for `self`, the user alone. */
export function usersCovered(access: Access, object: RightObject, verb: RightVerb): FilterQuery<User> {
  const grants = grantsFor(access, object, verb);
  if (grants.length === 0) return { id: { $in: [] } };
  return { $or: grants.map((g) => grantCondition(access, g)) };
}

/** May the user do `verb` with `object` owned (or assigned to) `owner`? */
export function mayOnOwned(
  access: Access,
  object: RightObject,
  verb: RightVerb,
  owner: { id: number; department?: { id: number } | null } | null | undefined,
): boolean {
  return grantsFor(access, object, verb).some((g) => grantCoversUser(access, g, owner));
}

/**
 * May the user do `verb` with this customer (the customer's parts: contacts, follow-ups, tags)?
 * Their own and those they collaborate on under any grant of the verb; others' by scope; a pool
 * customer (no owner) only under an `all` grant. Reading the pool is everyone's who reads at all.
 */
export function mayOnCustomer(
  access: Access,
  verb: RightVerb,
  customer: {
    owner?: { id: number; department?: { id: number } | null } | null;
    collaborators?: Iterable<{ id: number }>;
  },
  object: RightObject = 'customer',
): boolean {
  const grants = grantsFor(access, object, verb);
  if (grants.length === 0) return false;
  if (grants.some((g) => g.scope === 'all')) return true;
  const owner = customer.owner;
  if (!owner) return verb === 'read' || verb === 'reassign';
  if (verb !== 'reassign') {
    if (owner.id === access.userId) return true;
    for (const c of customer.collaborators ?? []) if (c.id === access.userId) return true;
  }
  return grants.some((g) => grantCoversUser(access, g, owner));
}

/** May the user claim (or see, to claim) a lead waiting for this team (null: the pool)? */
export function mayClaimFor(access: Access, team: { id: number; path: string } | null | undefined): boolean {
  const grants = grantsFor(access, 'lead', 'claim');
  if (grants.length === 0) return false;
  if (!team) return true;
  // Members of the team, or of a team below it, work its leads; so does whoever's scope covers it.
  if (access.department?.path.startsWith(team.path)) return true;
  return grants.some((g) => grantCoversDepartment(g, team.id));
}

/** The one admin question: may the user keep this company-wide setting? Refuses otherwise. */
export function requireAdministration(acting: Pick<Acting, 'access'>, area: SettingsArea): void {
  if (!mayAdminister(acting.access)) throw new NotPermittedError('admin-only', { area });
}

export const mayAdminister = (access: Access): boolean => mayAtAll(access, 'settings', 'administer');

/** Refuses `verb` on `object` to a user none of whose roles grants it (they may still read it). */
export function requireRight(access: Access, object: RightObject, verb: RightVerb): void {
  if (!mayAtAll(access, object, verb)) throw new NotPermittedError('not-permitted', { object, verb });
}
