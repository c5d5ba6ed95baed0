import { expect, test } from 'vitest';
import { useTestServer } from './support/fixture.js';
import { runJob } from './support/jobs.js';

const t = useTestServer();

test('the nightly cleanup forgets long-expired sessions, long-handled inbox events and long-delivered messages, and nothing else', async () => {
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
  await t.db.query(
    `insert into outbound_message (platform, lane, audience, message, state, created_at) values
       ('wecom', 'bulk', '{}', '{"note":"old-sent"}', 'sent', now() - 40 * ${day}),
       ('wecom', 'bulk', '{}', '{"note":"old-pending"}', 'pending', now() - 40 * ${day}),
       ('wecom', 'bulk', '{}', '{"note":"recent-sent"}', 'sent', now())`,
  );
  await t.db.query(
    `insert into rate_slot (key, at, message_id) values ('wecom:member:old', now() - 3 * ${day}, 1), ('wecom:member:new', now(), 2)`,
  );
  await runJob(t.server, t.db, 'housekeeping.cleanup', {});
  expect((await t.db.query('select token_hash from session')).rows).toEqual([{ token_hash: 'b'.repeat(64) }]);
  expect((await t.db.query('select dedupe_key from inbox_event order by dedupe_key')).rows).toEqual([
    { dedupe_key: 'old-failing' },
    { dedupe_key: 'recent-done' },
  ]);
  // A message not yet delivered stays, however old: it still has to go out.
  expect(
    (
      await t.db.query(
        `select message ->> 'note' as note from outbound_message where message ? 'note' order by 1`,
      )
    ).rows,
  ).toEqual([{ note: 'old-pending' }, { note: 'recent-sent' }]);
  expect(
    (await t.db.query(`select key from rate_slot where key in ('wecom:member:old', 'wecom:member:new')`))
      .rows,
  ).toEqual([{ key: 'wecom:member:new' }]);
});
