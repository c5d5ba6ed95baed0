// The approval tests' world: the demo company on the real server (its contract flow: above
// ¥500,000 李娜, then finance, then 王建国; up to ¥500,000 李娜 alone), contracts written through the
// API, and what people were told read from the cards planned for them and shown in the sandbox.
import { expect } from 'vitest';
import { type Crm, customersOwnedBy, type Session } from '../api/customers-support.js';
import { cardsOf, sandboxOf } from '../support/sandbox.js';
import { waitFor } from '../support/wait.js';

let numbers = 0;

/** A customer of the demo company owned by this user. */
export async function customerOf(crm: Crm, name: string): Promise<number> {
  const [first] = await customersOwnedBy(crm.db, await crm.userId(name));
  expect(first, `a customer of ${name}`).toBeDefined();
  return first as number;
}

export async function draftContract(
  session: Session,
  customerId: number,
  amountCents: number,
  extra: Record<string, unknown> = {},
) {
  const res = await session.send('POST', '/api/contracts', {
    customerId,
    number: `HT-TEST-${Date.now()}-${++numbers}`,
    name: '年度框架合同',
    amountCents,
    startDate: '2027-01-01',
    endDate: '2027-12-31',
    ...extra,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; status: string; number: string };
}

export async function submit(session: Session, contractId: number): Promise<number> {
  const res = await session.send('POST', `/api/contracts/${contractId}/submit`, {});
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.contract.status).toBe('pending');
  return res.body.approvalId;
}

export async function contractStatus(crm: Crm, id: number): Promise<string> {
  const { rows } = await crm.db.query<{ status: string }>('select status from contract where id = $1', [id]);
  return rows[0]!.status;
}

/** Whose copies of approval cards were planned for this person (by their WeCom id) since `afterId`: `cc`, `s0u12` … */
export async function cardsTo(crm: Crm, wecomUserId: string, afterId = 0): Promise<string[]> {
  const { rows } = await crm.db.query<{ card_id: string }>(
    `select card_id from outbound_message
      where platform = 'wecom' and subject_type = 'approval' and id > $1 and audience::text like $2 order by id`,
    [afterId, `%"${wecomUserId}"%`],
  );
  return rows.map((r) => r.card_id.replace(/^approval-\d+-/, '').replace(/-[0-9a-f]{10}$/, ''));
}

/** Waits until one of this person's WeCom copies of the run's cards shows `text`; answers that copy. */
/**
 * Waits until one of `wecomUserId`'s WeCom copies of the run's card shows `text`: a recorded copy as
 * it reads now, or a copy that went out showing a closed run already (no buttons, so WeCom gives it
 * no task id and there is nothing to update or record).
 */
export function shownTo(crm: Crm, wecomUserId: string, runId: number, text: string): Promise<string> {
  return waitFor(
    async () => {
      const { state } = sandboxOf(crm.server);
      const current = (await cardsOf(crm.db, 'approval', runId))
        .filter((c) => c.platform === 'wecom')
        .flatMap((c) => {
          const view = state.wecom.cards.views(c.card_id)[wecomUserId];
          return view ? [JSON.stringify(view.card)] : [];
        });
      const asSent = state.messages
        .list({ platform: 'wecom' })
        .filter((m) => m.direction === 'out' && m.type === 'template_card' && m.viewers.includes(wecomUserId))
        .map((m) => JSON.stringify(m.content))
        .filter((c) => c.includes(`/approvals/detail?id=${runId}"`) && !c.includes('"task_id"'));
      return [...current, ...asSent].find((c) => c.includes(text));
    },
    15_000,
    `${wecomUserId}'s approval card showing ${text}`,
  );
}

export async function lastMessageId(crm: Crm): Promise<number> {
  const { rows } = await crm.db.query<{ id: number | null }>('select max(id) as id from outbound_message');
  return Number(rows[0]!.id ?? 0);
}
