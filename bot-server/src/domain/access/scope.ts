import type { Contact, Customer, FollowUp, Opportunity, RightObject, RightVerb, User } from '@kelian/orm';
import { type FilterQuery, raw } from '@mikro-orm/postgresql';
import type { Access } from './access.js';
import { grantCondition, grantsFor, mayOnCustomer, usersCovered } from './policy.js';

// The data scope as query conditions, from the policy's grants (policy.ts). Every query of
// customers, contacts and follow-ups is ANDed with one of these: the customer domain loads customers only through store.ts (one, by id),
// list.ts (a page) and duplicates.ts (hints), and none of them can be called without an Access.
//
// Why explicit conditions rather than a MikroORM filter switched on per request: a filter applies
// invisibly and is just as invisibly switched off (`filters: false`, raw SQL, a query builder),
// and its parameter must be set on the right EntityManager by every request, bot command and job,
// or the query fails or, with a default, shows too much. A condition in the call is visible in
// review, composes with the search seam and keyset pagination, and the same functions tell whether
// a user may be given a customer (userScope), so no rule exists twice.
//
// Who sees what:
//   self             customers they own or collaborate on
//   department       … and those owned by members of the anchored department
//   department_tree  … and those owned by members of that department or any below it
//   all              every customer
// Everyone who reads customers also sees the pool (公海: customers with no owner), because claiming
// from the pool is how reps get customers; seeing is not changing, though: changing, deleting and
// reassigning are rights of their own (Role.rights), each within the role's scope, and a pool
// customer may be changed only under an `all` scope, by the others once they own it.

export type ScopePurpose =
  /** Seeing a customer: lists, the 360° view, reveals, duplicate hints. */
  | 'read'
  /** Changing it: edits, contacts, follow-ups, tags, merges. */
  | 'change'
  /** Moving it to the recycle bin, and back. */
  | 'delete'
  /** Handing it to someone else (owner change): manager and admin roles only. */
  | 'reassign';

const verbOf: Record<ScopePurpose, RightVerb> = {
  read: 'read',
  change: 'edit',
  delete: 'delete',
  reassign: 'reassign',
};

const nothing = { id: { $in: [] } };

/** The users whose customers the user may do this with: for `self`, the user alone. */
export function userScope(access: Access, purpose: ScopePurpose = 'read'): FilterQuery<User> {
  return usersCovered(access, 'customer', verbOf[purpose]);
}

export function customerScope(
  access: Access,
  purpose: ScopePurpose = 'read',
  object: RightObject = 'customer',
): FilterQuery<Customer> {
  const grants = grantsFor(access, object, verbOf[purpose]);
  if (grants.length === 0) return nothing;
  if (grants.some((g) => g.scope === 'all')) return {};
  // Whatever their scope, people see and work on the customers they own or collaborate on; handing
  // a customer over, though, takes a manager's scope over its owner (a `self` grant: their own).
  const mine = purpose === 'reassign' ? [] : [{ owner: access.userId }, collaboratingOn(access.userId)];
  const owners = grants
    .filter((g) => purpose === 'reassign' || g.scope !== 'self')
    .map((g) => ({ owner: grantCondition(access, g) }));
  // Pool customers are read by all (to claim them) and reached by managers (to hand them out),
  // never changed short of an `all` scope, not even by someone still listed as a collaborator.
  if (purpose === 'change' || purpose === 'delete')
    return { $and: [{ owner: { $ne: null } }, { $or: [...mine, ...owners] }] } as FilterQuery<Customer>;
  return { $or: [...mine, ...owners, { owner: null }] } as FilterQuery<Customer>;
}

/**
 * The customers the user collaborates on, as `id = any(array(…))`. The relation's own `$some` is
 * `id in (select …)`, which inside the scope's OR becomes a hashed subplan the planner guesses half
 * the customers pass: a rep's deal list then read every deal and every customer. The array is one
 * lookup on the collaborators' (user, customer) index, estimated as the few ids it is, and each
 * branch of the OR is served by its own index.
 */
function collaboratingOn(userId: number): FilterQuery<Customer> {
  return {
    [raw(
      (alias) => `${alias}.id = any(array(select customer_id from customer_collaborator where user_id = ?))`,
      [userId],
    )]: [],
  } as FilterQuery<Customer>;
}

// Contacts and follow-ups belong to their customer: the same scope, and a customer's recycle bin
// holds them too.

export const contactScope = (access: Access, purpose: ScopePurpose = 'read'): FilterQuery<Contact> => ({
  customer: { $and: [customerScope(access, purpose), { deletedAt: null }] },
});

export const followUpScope = (access: Access, purpose: ScopePurpose = 'read'): FilterQuery<FollowUp> => ({
  customer: { $and: [customerScope(access, purpose), { deletedAt: null }] },
});

// A deal is visible and changeable like its customer, under the opportunity rights: the deal is
// part of the customer's story (the 360° view shows it, follow-ups on the customer keep it alive),
// so whoever works the customer works its deals, and a rep never sees a colleague's deal on a
// customer outside their scope. Deals of a customer in the recycle bin go with it.
export const opportunityScope = (
  access: Access,
  purpose: ScopePurpose = 'read',
): FilterQuery<Opportunity> => ({
  deletedAt: null,
  customer: { $and: [customerScope(access, purpose, 'opportunity'), { deletedAt: null }] },
});

/**
 * Whether a customer the user can see (it was loaded through customerScope 'read') may also be
 * changed by them: the policy's answer for this record.
 */
export function mayChange(
  access: Access,
  customer: Pick<Customer, 'owner'> & { collaborators?: Customer['collaborators'] },
  object: RightObject = 'customer',
): boolean {
  const collaborators = customer.collaborators?.isInitialized() ? customer.collaborators.getItems() : [];
  return mayOnCustomer(access, 'edit', { owner: customer.owner ?? null, collaborators }, object);
}
