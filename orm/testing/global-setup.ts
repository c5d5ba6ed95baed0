// vitest globalSetup: one migrated database per test worker, so test files run side by side
// (each worker runs one file at a time and empties its own database between tests).
// Default: in-memory PGlite databases behind sockets (no server needed).
// With TEST_DATABASE_URL (CI): throwaway databases on that PostgreSQL server, dropped afterwards.
import { randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedDatabase } from '../src/database/embedded.js';
import { migrate } from '../src/migrate.js';
import { ormConfig } from '../src/orm-config.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URLs of the migrated test databases, one per worker: read them through testDbUrl(). */
    dbUrls: string[];
    /** 'pglite' or 'postgres': tests that need real locking run on PostgreSQL only. */
    dbKind: 'pglite' | 'postgres';
    /** PostgreSQL only: a URL on the same server for creating further throwaway databases. */
    adminDbUrl: string | undefined;
  }
}

interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const workers = Math.max(1, project.config.maxWorkers);
  const databases = serverUrl ? await serverDatabases(serverUrl, workers) : await embeddedDatabases(workers);
  const teardown = async () => {
    await Promise.all(databases.map((d) => d.drop()));
  };
  project.provide(
    'dbUrls',
    databases.map((d) => d.url),
  );
  project.provide('dbKind', serverUrl ? 'postgres' : 'pglite');
  project.provide('adminDbUrl', serverUrl);
  return teardown;
}

/** The first database is migrated; the others are copies of it (a template copy takes ~100 ms). */
async function serverDatabases(serverUrl: string, count: number): Promise<TestDatabase[]> {
  const base = `kelian_test_${randomBytes(4).toString('hex')}`;
  const names = Array.from({ length: count }, (_, i) => `${base}_${i + 1}`);
  const databases = names.map((name) => {
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    return {
      url: u.toString(),
      drop: () => adminQuery(serverUrl, `drop database if exists "${name}" with (force)`),
    };
  });
  try {
    await adminQuery(serverUrl, `create database "${names[0]}"`);
    await migrated(databases[0]!.url);
    for (const name of names.slice(1))
      await adminQuery(serverUrl, `create database "${name}" template "${names[0]}"`);
  } catch (error) {
    await Promise.all(databases.map((d) => d.drop()));
    throw error;
  }
  return databases;
}

async function embeddedDatabases(count: number): Promise<TestDatabase[]> {
  const databases: TestDatabase[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const db = await startEmbeddedDatabase(undefined);
      databases.push({ url: db.url, drop: db.stop });
    }
    await Promise.all(databases.map((d) => migrated(d.url)));
  } catch (error) {
    await Promise.all(databases.map((d) => d.drop()));
    throw error;
  }
  return databases;
}

async function migrated(url: string) {
  const orm = await MikroORM.init(ormConfig(url));
  await migrate(orm).finally(() => orm.close(true));
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
