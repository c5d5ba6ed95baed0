// Approvals as people meet them in the sandbox's chats: each person's copy of a run's card on each
// platform, a click on it, and what every copy shows afterwards.
import { expect } from 'vitest';
import type { Crm } from '../api/customers-support.js';
import { sandboxOf } from '../support/sandbox.js';
import { waitFor } from '../support/wait.js';

export interface Person {
  id: number;
  wecom: string;
  dingtalk: string;
}

export async function person(crm: Crm, name: string): Promise<Person> {
  const { rows } = await crm.db.query<{ id: number; wecom_user_id: string; dingtalk_user_id: string }>(
    'select id, wecom_user_id, dingtalk_user_id from app_user where name = $1',
    [name],
  );
  expect(rows, name).toHaveLength(1);
  return { id: rows[0]!.id, wecom: rows[0]!.wecom_user_id, dingtalk: rows[0]!.dingtalk_user_id };
}

/** The demo contract flow's people: 张伟 submits; 李娜, then finance (罗娟 or 梁宇), then 王建国 approve. */
export const contractFlowPeople = {
  zhangwei: '张伟',
  lina: '李娜',
  luojuan: '罗娟',
  liangyu: '梁宇',
  wang: '王建国',
} as const;

/** The demo people a test follows, by the keys it names them with: { lina: '李娜' } → { lina: Person }. */
export async function peopleNamed<K extends string>(
  crm: Crm,
  names: Record<K, string>,
): Promise<Record<K, Person>> {
  const found = await Promise.all(
    Object.entries<string>(names).map(async ([key, name]) => [key, await person(crm, name)] as const),
  );
  return Object.fromEntries(found) as Record<K, Person>;
}

/** The card id of one copy (`s0u12`, `submitter` …) of the run on one platform, once delivered; its replacement if it has one. */
export function copyOf(crm: Crm, runId: number, platform: 'wecom' | 'dingtalk', variant: string) {
  return waitFor(
    async () => {
      const { rows } = await crm.db.query<{ card_id: string }>(
        `select card_id from card_instance
          where object_type = 'approval' and object_id = $1 and platform = $2 and card_id like $3 and replaced_by is null
          order by id desc limit 1`,
        [String(runId), platform, `approval-${runId}-${variant}-%`],
      );
      return rows[0]?.card_id;
    },
    15_000,
    `the ${variant} copy of approval ${runId} on ${platform}`,
  );
}

/**
 * Every copy of the run's cards people have now, on both platforms, as each sees it: a WeCom card
 * with no update left (one per response code) was replaced by a fresh one, which counts instead.
 */
async function currentCopies(crm: Crm, runId: number): Promise<string[]> {
  const { state } = sandboxOf(crm.server);
  const { rows } = await crm.db.query<{ card_id: string; platform: string }>(
    `select card_id, platform from card_instance
      where object_type = 'approval' and object_id = $1 and replaced_by is null order by id`,
    [String(runId)],
  );
  return rows.flatMap((c) =>
    c.platform === 'wecom'
      ? Object.values(state.wecom.cards.views(c.card_id)).map((v) => JSON.stringify(v.card))
      : Object.values(state.dingtalk.cards.views(c.card_id)).map((v) => JSON.stringify(v.params)),
  );
}

/** Waits until every copy people have of the run's cards, on both platforms, passes `check`; answers them. */
export function everyCopy(crm: Crm, runId: number, atLeast: number, check: (copy: string) => boolean) {
  return waitFor(
    async () => {
      const copies = await currentCopies(crm, runId);
      return copies.length >= atLeast && copies.every(check) ? copies : undefined;
    },
    15_000,
    `${atLeast} copies of approval ${runId} all updated`,
  );
}

/** What this person's copy shows on WeCom now (the template card as JSON). */
export function weComCopy(crm: Crm, cardId: string, user: string): string {
  return JSON.stringify(sandboxOf(crm.server).state.wecom.cards.copy(cardId, user)?.card ?? null);
}

/** The first message the bot sent this person on `platform` after sandbox message `afterSeq` that shows `text`. */
export function answerTo(
  crm: Crm,
  platform: 'wecom' | 'dingtalk',
  user: string,
  afterSeq: number,
  text: string,
) {
  return waitFor(
    async () =>
      sandboxOf(crm.server)
        .state.messages.list({ platform, user, after: afterSeq })
        .find((m) => m.direction === 'out' && JSON.stringify(m.content).includes(text)),
    15_000,
    `an answer to ${user} saying ${text}`,
  );
}

/** The sequence number of the sandbox's newest chat message. */
export const lastSeq = (crm: Crm) => sandboxOf(crm.server).state.messages.list({}).at(-1)?.seq ?? 0;

/**
 * Waits until this person sees `text` on WeCom about the run: on a copy updated in place, or on the
 * fresh card that replaced a copy with no update left (a WeCom card is updated once per response code).
 */
export function weComSees(crm: Crm, user: string, runId: number, text: string) {
  return waitFor(
    async () => {
      const { state } = sandboxOf(crm.server);
      const { rows } = await crm.db.query<{ card_id: string }>(
        `select card_id from card_instance where object_type = 'approval' and object_id = $1 and platform = 'wecom'`,
        [String(runId)],
      );
      const updated = rows.some((r) =>
        JSON.stringify(state.wecom.cards.copy(r.card_id, user)?.card ?? '').includes(text),
      );
      const sent = state.messages
        .list({ platform: 'wecom', user })
        .some(
          (m) =>
            m.direction === 'out' &&
            m.type === 'template_card' &&
            JSON.stringify(m.content).includes(text) &&
            JSON.stringify(m.content).includes(`id=${runId}`),
        );
      return updated || sent ? true : undefined;
    },
    15_000,
    `${user} seeing ${text}`,
  );
}
