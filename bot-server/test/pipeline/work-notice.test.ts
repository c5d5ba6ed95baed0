// What another instance hears when work is written (issue 11): the notice names the table and the
// lane, once per transaction, so a burst in one lane wakes only that lane's workers everywhere.
// PostgreSQL only: the embedded database has one process, which wakes its own workers.
import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { testDbUrl } from '../../../orm/testing/db-url.js';
import { resetDatabase } from '../../../orm/testing/reset.js';
import { workNotice } from '../../src/background/start-work.js';
import { onPostgres } from '../support/two-instances.js';
import { waitFor } from '../support/wait.js';

let listener: pg.Client;
let writer: pg.Client;
const heard: string[] = [];

beforeAll(async () => {
  if (!onPostgres) return;
  await resetDatabase(testDbUrl());
  listener = new pg.Client({ connectionString: testDbUrl() });
  writer = new pg.Client({ connectionString: testDbUrl() });
  await Promise.all([listener.connect(), writer.connect()]);
  listener.on('notification', (n) => heard.push(n.payload ?? ''));
  await listener.query('listen kelian_work');
});

afterAll(async () => {
  await listener?.end();
  await writer?.end();
});

/** Runs `statements` in one transaction and answers the notices heard for it. */
async function noticesOf(...statements: string[]): Promise<string[]> {
  heard.length = 0;
  await writer.query('begin');
  for (const sql of statements) await writer.query(sql);
  await writer.query(`select pg_notify('kelian_work', 'test:end')`);
  await writer.query('commit');
  await waitFor(async () => heard.includes('test:end') || undefined);
  return heard.filter((p) => p !== 'test:end').sort();
}

const inboxRows = (lane: string, keys: string[]) =>
  `insert into inbox_event (platform, dedupe_key, kind, lane, event, received_at, attempts)
   values ${keys.map((k) => `('wecom', '${k}', 'text', '${lane}', '{}', now(), 0)`).join(', ')}`;

test.runIf(onPostgres)(
  'a burst of person events is one notice for the person lane, none for sync',
  async () => {
    const notices = await noticesOf(inboxRows('person', ['a1', 'a2', 'a3']), inboxRows('person', ['a4']));
    expect(notices).toEqual(['inbox_event:person']);
    expect(notices.map(workNotice)).toEqual([{ table: 'inbox_event', lane: 'person' }]);
  },
);

test.runIf(onPostgres)(
  'events and messages of both lanes in one transaction: one notice per lane',
  async () => {
    const outbound = (lane: string, card: string) =>
      `insert into outbound_message (platform, lane, audience, message, card_id, created_at)
     values ('wecom', '${lane}', '{"kind":"user","userIds":["ZhangWei"]}', '{"kind":"text","text":"x"}', '${card}', now())`;
    const notices = await noticesOf(
      inboxRows('sync', ['s1']),
      inboxRows('person', ['p1']),
      outbound('bulk', 'c1'),
      outbound('bulk', 'c2'),
      outbound('direct', 'c3'),
    );
    expect(notices).toEqual([
      'inbox_event:person',
      'inbox_event:sync',
      'outbound_message:bulk',
      'outbound_message:direct',
    ]);
    expect(notices.map(workNotice)).toEqual([
      { table: 'inbox_event', lane: 'person' },
      { table: 'inbox_event', lane: 'sync' },
      { table: 'outbound_message', lane: 'bulk' },
      { table: 'outbound_message', lane: 'direct' },
    ]);
  },
);
