// The migration that adds `export` and `approve` (issue 19): a database whose built-in roles were
// made before gets them as a new database does (reference/roles.ts); custom roles are left as their
// administrator made them; running it again, or down and up, adds nothing twice.
import { builtInRoles, ormConfig } from '@kelian/orm';
import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { testDbUrl } from '../testing/db-url.js';
import { resetDatabase } from '../testing/reset.js';

let orm: MikroORM;
let db: pg.Client;
beforeAll(async () => {
  orm = await MikroORM.init(ormConfig(testDbUrl()));
  db = new pg.Client({ connectionString: testDbUrl() });
  await db.connect();
});
afterAll(async () => {
  await db.end();
  await orm.close(true);
});

// The rights the built-in roles had before (Migration20261206120000_role_rights).
const seller = {
  customer: ['read', 'edit', 'delete'],
  lead: ['read', 'edit', 'claim'],
  opportunity: ['read', 'edit', 'delete'],
  task: ['read', 'edit'],
};
const manager = {
  customer: ['read', 'edit', 'delete', 'reassign'],
  lead: ['read', 'edit', 'claim', 'reassign'],
  opportunity: ['read', 'edit', 'delete', 'reassign'],
  task: ['read', 'edit', 'reassign'],
};
const reader = { customer: ['read'], opportunity: ['read'] };

const rightsOf = async () =>
  Object.fromEntries(
    (
      await db.query<{ code: string; rights: object }>('select code, rights from role order by code')
    ).rows.map((r) => [r.code, r.rights]),
  );

test('existing built-in roles get what a new database gives them; a custom role keeps its own', async () => {
  await resetDatabase(testDbUrl());
  await orm.migrator.down({ to: 'Migration20261206130000_inner_initials' });
  try {
    for (const [code, rights] of Object.entries({
      admin: { ...manager, settings: ['administer'] },
      manager,
      sales: seller,
      finance: reader,
      procurement: reader,
      // A custom role that an administrator made a manager's copy of: not theirs to get more.
      'custom-regional': manager,
    }))
      await db.query(
        `insert into role (code, name, built_in, default_scope, field_rules, rights, created_at)
         values ($1, $1, $2, 'self', '{}', $3, now())`,
        [code, !code.startsWith('custom'), JSON.stringify(rights)],
      );
  } finally {
    await orm.migrator.up();
  }
  const migrated = await rightsOf();
  for (const role of builtInRoles.filter((r) => r.code in migrated)) {
    const sorted = (rights: object) =>
      Object.fromEntries(Object.entries(rights).map(([o, verbs]) => [o, [...(verbs as string[])].sort()]));
    expect(sorted(migrated[role.code]!), role.code).toEqual(sorted(role.rights));
  }
  expect(migrated['custom-regional']).toEqual(manager);
  expect(migrated.manager).toMatchObject({ customer: expect.arrayContaining(['export', 'approve']) });
  expect(JSON.stringify(migrated.sales)).not.toMatch(/export|approve/);

  // Down and up again: the verbs go, and come back once.
  await orm.migrator.down({ to: 'Migration20261206130000_inner_initials' });
  expect((await rightsOf()).manager).toEqual(manager);
  await orm.migrator.up();
  expect(await rightsOf()).toEqual(migrated);
  await resetDatabase(testDbUrl());
});
