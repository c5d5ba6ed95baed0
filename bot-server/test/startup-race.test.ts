// Several instances started at once on one PostgreSQL database that is empty or outdated: every one
// comes up, the schema is migrated once and the demo company is loaded once (issue 11, item 4).
// PostgreSQL only: on PGlite there is one process per data folder, so nothing can race.
import { randomBytes } from 'node:crypto';
import { demoCustomerCount, demoUsers, migrationsList, ormConfig } from '@kelian/orm';
import { MikroORM } from '@mikro-orm/postgresql';
import { afterEach, describe, expect, inject, test } from 'vitest';
import { launchServer, query, type ServerProcess } from './support/server-process.js';

const onPostgres = inject('dbKind') === 'postgres';
const running: ServerProcess[] = [];
const databases: string[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.stop()));
  const admin = inject('adminDbUrl');
  for (const name of databases.splice(0))
    await query(admin!, `drop database if exists "${name}" with (force)`);
});

/** A new empty database on the test server; dropped after the test. */
async function freshDatabase(): Promise<string> {
  const admin = inject('adminDbUrl')!;
  const name = `kelian_race_${randomBytes(4).toString('hex')}`;
  await query(admin, `create database "${name}"`);
  databases.push(name);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

/** `n` servers started at the same moment on `url`; answers once all listen (or one fails). */
async function startAtOnce(url: string, n: number) {
  const servers = Array.from({ length: n }, () => launchServer({ DATABASE_URL: url, SANDBOX: 'true' }));
  running.push(...servers);
  const urls = await Promise.all(servers.map((s) => s.ready));
  for (const base of urls) expect((await fetch(`${base}/readyz`)).status).toBe(200);
  const logged = (msg: string) =>
    servers.filter((s) => s.log.some((l) => l.includes(`"msg":"${msg}"`))).length;
  return { servers, logged };
}

async function expectMigratedAndLoadedOnce(url: string) {
  const count = async (sql: string) => (await query<{ n: number }>(url, sql))[0]!.n;
  expect(await count('select count(*)::int as n from mikro_orm_migrations')).toBe(migrationsList.length);
  expect(await count('select count(distinct name)::int as n from mikro_orm_migrations')).toBe(
    migrationsList.length,
  );
  expect(await count(`select count(*)::int as n from pg_extension where extname = 'pg_trgm'`)).toBe(1);
  expect(await count('select count(*)::int as n from app_user')).toBe(demoUsers.length);
  // Background jobs may add a customer or two soon after the start (the sandbox's WeCom contacts),
  // so: at least the demo company's customers, and none of them twice.
  expect(await count('select count(*)::int as n from customer')).toBeGreaterThanOrEqual(demoCustomerCount);
  expect(
    await count(
      'select count(*)::int as n from (select name from customer group by name having count(*) > 1) d',
    ),
  ).toBe(0);
  expect(await count('select count(*)::int as n from pipeline_stage')).toBe(6);
}

describe.runIf(onPostgres)('instances starting at once on PostgreSQL', () => {
  test('two on an empty database both come up; migrations and demo data happen once', async () => {
    const url = await freshDatabase();
    const { logged } = await startAtOnce(url, 2);
    expect(logged('migrations applied')).toBe(1);
    expect(logged('demo data loaded')).toBe(1);
    await expectMigratedAndLoadedOnce(url);
  }, 240_000);

  test('three on a database one migration behind all come up; the last migration runs once', async () => {
    const url = await freshDatabase();
    const orm = await MikroORM.init(ormConfig(url));
    try {
      await orm.migrator.up({ to: migrationsList.at(-2)!.name });
    } finally {
      await orm.close(true);
    }
    const before = await query<{ name: string }>(url, 'select name from mikro_orm_migrations');
    expect(before).toHaveLength(migrationsList.length - 1);

    const { servers, logged } = await startAtOnce(url, 3);
    expect(logged('migrations applied')).toBe(1);
    const applier = servers.find((s) => s.log.some((l) => l.includes('"migrations applied"')))!;
    expect(applier.log.find((l) => l.includes('"migrations applied"'))).toContain(
      migrationsList.at(-1)!.name,
    );
    expect(logged('demo data loaded')).toBe(1);
    await expectMigratedAndLoadedOnce(url);
  }, 240_000);
});
