import type { EntityManager } from '@mikro-orm/postgresql';
import { type DataScope, type FieldRules, type Rights, RoleSchema } from '../entities/role.js';

// The roles every install starts with (PRODUCT.md: admin, manager, sales, procurement, service;
// finance too). A real company's org sync creates people without a role, so these must exist
// before the first administrator can be named and hand them out; the demo company uses the same.

// What each built-in role may do within its scope (the migration that added rights gives existing
// databases the same): sales works its own, a manager his department tree and hands things over,
// the admin everything; procurement, service and finance read customers and deals and change none.
// Exporting lists and approving (a credit limit, a deal's discount or contract) is a manager's, not a
// rep's; finance approves deals too (its step in contract approvals), within its scope, and records
// receipts (回款), which reps and managers read.
const seller = {
  customer: ['read', 'edit', 'delete'],
  lead: ['read', 'edit', 'claim'],
  opportunity: ['read', 'edit', 'delete'],
  task: ['read', 'edit'],
  contract: ['read', 'edit', 'delete'],
  receivable: ['read'],
  product: ['read'],
  application: ['read', 'edit'],
} satisfies Rights;
const manager = {
  customer: ['read', 'edit', 'delete', 'reassign', 'export', 'approve'],
  lead: ['read', 'edit', 'claim', 'reassign', 'export'],
  opportunity: ['read', 'edit', 'delete', 'reassign', 'export', 'approve'],
  task: ['read', 'edit', 'reassign', 'export'],
  contract: ['read', 'edit', 'delete', 'export', 'approve'],
  receivable: ['read', 'export'],
  approval: ['read'],
  product: ['read'],
  application: ['read', 'edit'],
} satisfies Rights;
const reader = { customer: ['read'], opportunity: ['read'], product: ['read'] } satisfies Rights;
const financeRights = {
  customer: ['read'],
  opportunity: ['read', 'approve'],
  contract: ['read', 'export', 'approve'],
  receivable: ['read', 'edit', 'export'],
  approval: ['read'],
  product: ['read'],
  application: ['read', 'edit'],
} satisfies Rights;

/** The code of the role whose holders administer Kelian. */
export const adminRoleCode = 'admin';

export const builtInRoles: {
  code: string;
  name: string;
  scope: DataScope;
  rights: Rights;
  fieldRules?: FieldRules;
}[] = [
  {
    code: adminRoleCode,
    name: '管理员',
    scope: 'all',
    rights: {
      ...manager,
      receivable: ['read', 'edit', 'export'],
      product: ['read', 'edit', 'delete', 'export'],
      settings: ['administer'],
    },
  },
  { code: 'manager', name: '销售主管', scope: 'department_tree', rights: manager },
  { code: 'sales', name: '销售', scope: 'self', rights: seller },
  {
    code: 'procurement',
    name: '采购',
    scope: 'all',
    rights: reader,
    fieldRules: { customer: { phone: 'masked' }, contact: { mobile: 'masked', email: 'hidden' } },
  },
  {
    code: 'service',
    name: '客服',
    scope: 'all',
    rights: reader,
    fieldRules: { contact: { mobile: 'masked' } },
  },
  {
    code: 'finance',
    name: '财务',
    scope: 'all',
    rights: financeRights,
    fieldRules: { contact: { mobile: 'masked' } },
  },
];

/**
 * Creates the built-in roles that are missing (a new database, or one emptied by a test); a role
 * that exists is left as the admin made it. Answers how many it created.
 */
export async function ensureBuiltInRoles(em: EntityManager): Promise<number> {
  const existing = new Set((await em.find(RoleSchema, {}, { fields: ['code'] })).map((r) => r.code));
  const missing = builtInRoles.filter((r) => !existing.has(r.code));
  for (const r of missing)
    em.create(RoleSchema, {
      code: r.code,
      name: r.name,
      builtIn: true,
      defaultScope: r.scope,
      fieldRules: r.fieldRules ?? {},
      rights: r.rights,
    });
  await em.flush();
  return missing.length;
}
