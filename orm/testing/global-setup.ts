// vitest globalSetup: one migrated database per test run.
// Default: an in-memory PGlite behind the socket (no server needed).
// With TEST_DATABASE_URL (CI): a throwaway database on that PostgreSQL server, dropped afterwards.
import { randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedDatabase } from '../src/database/embedded.js';
import { migrate } from '../src/migrate.js';
import { ormConfig } from '../src/orm-config.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the migrated test database. */
    dbUrl: string;
    /** 'pglite' or 'postgres': tests that need real locking run on PostgreSQL only. */
    dbKind: 'pglite' | 'postgres';
    /** PostgreSQL only: a URL on the same server for creating further throwaway databases. */
    adminDbUrl: string | undefined;
  }
}

export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL;
  let url: string;
  let teardown: () => Promise<void>;
  if (serverUrl) {
    const name = `kelian_test_${randomBytes(4).toString('hex')}`;
    await adminQuery(serverUrl, `create database "${name}"`);
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    url = u.toString();
    teardown = () => adminQuery(serverUrl, `drop database if exists "${name}" with (force)`);
  } else {
    const db = await startEmbeddedDatabase(undefined);
    url = db.url;
    teardown = db.stop;
  }
  try {
    const orm = await MikroORM.init(ormConfig(url));
    await migrate(orm).finally(() => orm.close(true));
  } catch (error) {
    await teardown();
    throw error;
  }
  project.provide('dbUrl', url);
  project.provide('dbKind', serverUrl ? 'postgres' : 'pglite');
  project.provide('adminDbUrl', serverUrl);
  return teardown;
}

async function adminQuery(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
