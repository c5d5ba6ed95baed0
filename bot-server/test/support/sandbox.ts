import type pg from 'pg';
import { expect } from 'vitest';
import type { ChatMessage } from '../../src/sandbox/index.js';
import type { SwitchSpec } from '../../src/sandbox/state/switches.js';
import type { RunningServer } from './server.js';
import { waitFor } from './wait.js';

/** The sandbox of a server started in sandbox mode. */
export function sandboxOf(server: RunningServer) {
  if (!server.sandbox) throw new Error('the server was not started in sandbox mode');
  return server.sandbox;
}

/** Waits until Kelian has sent a message matching `match` on `platform`, and returns it. */
export function waitForOutgoing(
  server: RunningServer,
  platform: 'wecom' | 'dingtalk',
  match: (m: ChatMessage) => boolean,
  ms = 15_000,
): Promise<ChatMessage> {
  return waitFor(
    async () =>
      sandboxOf(server)
        .state.messages.list({ platform })
        .find((m) => m.direction === 'out' && match(m)),
    ms,
    `an outgoing ${platform} message`,
  );
}

/** The visible text of a text or markdown message, whatever the platform's payload shape. */
export function textOf(message: ChatMessage): string {
  const c = message.content as { content?: string; text?: string };
  return c.content ?? c.text ?? '';
}

/** The cards Kelian keeps for one object (`task` 7, `stalled_deal` 3), oldest first. */
export async function cardsOf(db: pg.Pool, objectType: string, id: number) {
  const { rows } = await db.query<{ card_id: string; platform: string }>(
    `select card_id, platform from card_instance where object_type = $1 and object_id = $2 order by id`,
    [objectType, String(id)],
  );
  return rows;
}

/** Every copy of every card of one object, on both platforms, as each viewer sees it now. */
export async function shownEverywhere(
  server: RunningServer,
  db: pg.Pool,
  objectType: string,
  id: number,
): Promise<string[]> {
  const { state } = sandboxOf(server);
  return (await cardsOf(db, objectType, id)).flatMap((c) =>
    c.platform === 'wecom'
      ? Object.values(state.wecom.cards.views(c.card_id)).map((v) => JSON.stringify(v.card))
      : Object.values(state.dingtalk.cards.views(c.card_id)).map((v) => JSON.stringify(v.params)),
  );
}

/** Arms a failure switch of the server's sandbox, through its API as a person would. */
export async function armSwitch(server: RunningServer, spec: SwitchSpec): Promise<void> {
  const res = await fetch(`${server.url}/sandbox/api/switches`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(spec),
  });
  expect(res.status).toBe(201);
}

/** The switches still armed: an outage is over when its switch has used up all its calls. */
export async function armedSwitches(server: RunningServer): Promise<unknown[]> {
  const res = await fetch(`${server.url}/sandbox/api/switches`);
  return ((await res.json()) as { switches: unknown[] }).switches;
}
