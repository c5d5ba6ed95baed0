import { expect, test } from 'vitest';
import { useTestServer } from './support/fixture.js';
import { waitFor } from './support/wait.js';

const t = useTestServer();

test('the nightly cleanup forgets long-expired sessions and long-handled inbox events, and nothing else', async () => {
  const day = "interval '1 day'";
  await t.db.query(
    `insert into session (token_hash, user_id, via, created_at, expires_at, last_seen_at) values
       ('${'a'.repeat(64)}', 1, 'sandbox', now() - 10 * ${day}, now() - 3 * ${day}, now()),
       ('${'b'.repeat(64)}', 1, 'sandbox', now(), now() + 3 * ${day}, now())`,
  );
  await t.db.query(
    `insert into inbox_event (platform, dedupe_key, kind, event, received_at, processed_at, attempts) values
       ('wecom', 'old-done', 'text', '{}', now() - 40 * ${day}, now() - 40 * ${day}, 1),
       ('wecom', 'old-failing', 'text', '{}', now() - 40 * ${day}, null, 5),
       ('wecom', 'recent-done', 'text', '{}', now(), now(), 1)`,
  );
  await t.server.jobs.queue.send('housekeeping.cleanup', {});
  await waitFor(async () => {
    const { rows } = await t.db.query(`select 1 from session where token_hash = $1`, ['a'.repeat(64)]);
    return rows.length === 0 ? true : undefined;
  });
  expect((await t.db.query('select token_hash from session')).rows).toEqual([{ token_hash: 'b'.repeat(64) }]);
  expect((await t.db.query('select dedupe_key from inbox_event order by dedupe_key')).rows).toEqual([
    { dedupe_key: 'old-failing' },
    { dedupe_key: 'recent-done' },
  ]);
});
