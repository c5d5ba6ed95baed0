import { readdirSync } from 'node:fs';
import { migrationsList, migrationsPath, ormConfig } from '@kelian/orm';
import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { testDbUrl } from '../testing/db-url.js';

let orm: MikroORM;
beforeAll(async () => {
  orm = await MikroORM.init(ormConfig(testDbUrl()));
});
afterAll(() => orm.close(true));

test('the static migration list names exactly the migration files, in order', () => {
  const files = readdirSync(migrationsPath)
    .filter((f) => /^Migration.*\.ts$/.test(f))
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();
  expect(migrationsList.map((m) => m.name)).toEqual(files);
});

test('after the migrations the database matches the entities (no migration is missing)', async () => {
  const diff = await orm.schema.getUpdateSchemaSQL({ wrap: false });
  expect(diff.trim()).toBe('');
});

test('nothing is pending after start-up migration', async () => {
  expect(await orm.migrator.getPending()).toEqual([]);
});
