import { sandboxLeadWebhookSecret } from '@kelian/config';
import type pg from 'pg';
import { leadSignature } from '../../src/api/leads/signature.js';
import type { RunningServer } from '../support/server.js';
import { waitFor } from '../support/wait.js';

/** Posts a web-form lead as a form system would: the exact body bytes, signed with the sandbox secret. */
export async function postInbound(
  server: RunningServer,
  body: unknown,
  options: { secret?: string; timestamp?: number; signature?: string } = {},
) {
  const raw = JSON.stringify(body);
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const res = await fetch(`${server.url}/api/leads/inbound`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-kelian-timestamp': timestamp,
      'x-kelian-signature':
        options.signature ?? leadSignature(options.secret ?? sandboxLeadWebhookSecret, timestamp, raw),
    },
    body: raw,
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
}

/** The stored cards of a lead, once there are `count` of them (WeCom and DingTalk). */
export function leadCards(db: pg.Pool, leadId: number, count = 2) {
  return waitFor(async () => {
    const { rows } = await db.query<{ card_id: string; platform: string }>(
      `select card_id, platform from card_instance where object_type = 'lead' and object_id = $1 and replaced_by is null order by platform, id`,
      [String(leadId)],
    );
    return rows.length >= count ? rows : undefined;
  });
}
