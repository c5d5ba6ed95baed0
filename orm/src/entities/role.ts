import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { DepartmentSchema } from './department.js';
import { UserSchema } from './user.js';

export const dataScopes = ['self', 'department', 'department_tree', 'all'] as const;
export type DataScope = (typeof dataScopes)[number];

export const fieldAccesses = ['hidden', 'masked', 'readonly', 'editable'] as const;
export type FieldAccess = (typeof fieldAccesses)[number];

/** Per object, per field: what holders of the role may do with it. Fields not listed are editable. */
export type FieldRules = Record<string, Record<string, FieldAccess>>;

/**
 * What holders of a role may do, per object, within the data scope of their assignment. Reading is
 * a right like the others: a procurement user reads customers (scope `all`) and edits none. The
 * parts of a customer (contacts, follow-ups, its tags) go with the customer's rights; `settings`
 * (tags, rules, custom fields, stages, the audit log, syncs) is administered company-wide.
 * Contracts go with their customer like deals, and so do their receivable plans (`receivable`: read
 * them, edit = record receipts and set plans); `approval` reads the approval runs of the people in
 * scope (everyone reads the ones they submitted or decide on); `product` is the catalogue;
 * `application`: edit = fill in and submit applications of the admin's types, read = see those of
 * the people in scope.
 */
export const rightObjects = [
  'customer',
  'lead',
  'opportunity',
  'task',
  'contract',
  'receivable',
  'approval',
  'product',
  'application',
  'settings',
] as const;
export type RightObject = (typeof rightObjects)[number];
/**
 * `export` (a list to a file) and `approve` (a step of an approval flow) are held within the data
 * scope like the others: one exports and approves only the records one's scope covers.
 */
export const rightVerbs = [
  'read',
  'edit',
  'delete',
  'claim',
  'reassign',
  'export',
  'approve',
  'administer',
] as const;
export type RightVerb = (typeof rightVerbs)[number];
export type Rights = Partial<Record<RightObject, RightVerb[]>>;

export const RoleSchema = defineEntity({
  name: 'Role',
  properties: {
    id: p.integer().primary().autoincrement(),
    /** Stable code used by the program: admin, manager, sales, procurement, service, or a custom one. */
    code: p.string().length(50).unique(),
    name: p.string().length(100),
    builtIn: p.boolean().default(false),
    /** The scope a new assignment of this role gets unless the admin chooses another. */
    defaultScope: p.enum(dataScopes).default('self'),
    fieldRules: p.json<FieldRules>().columnType('jsonb').default('{}'),
    /** Per object, the verbs the role allows (rights.ts); a role without rights may do nothing. */
    rights: p.json<Rights>().columnType('jsonb').default('{}'),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export type Role = InferEntity<typeof RoleSchema>;

// A user holds a role with a data scope anchored at a department (their own unless set).
export const RoleAssignmentSchema = defineEntity({
  name: 'RoleAssignment',
  properties: {
    id: p.integer().primary().autoincrement(),
    user: p.manyToOne(UserSchema).deleteRule('cascade'),
    role: p.manyToOne(RoleSchema).deleteRule('cascade'),
    scope: p.enum(dataScopes),
    department: p.manyToOne(DepartmentSchema).nullable().deleteRule('set null'),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  uniques: [{ properties: ['user', 'role'] }],
});

export type RoleAssignment = InferEntity<typeof RoleAssignmentSchema>;
