// A sales rep reaching for another rep's customer through every surface: the REST API by id (read,
// timeline, change, delete, reassign, follow-up), search (the list's q and the 客户 command) and the
// 跟进 command. Each fails like a customer that does not exist, and the data stays as it was.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  allPages,
  auditRows,
  type Crm,
  customerRow,
  customersOwnedBy,
  type Session,
  startCrm,
} from '../api/customers-support.js';
import { sandboxOf, textOf, waitForOutgoing } from '../support/sandbox.js';

let crm: Crm;
let zhangWei: Session;
let target: { id: number; name: string; mobile: string };

beforeAll(async () => {
  crm = await startCrm();
  zhangWei = await crm.as('张伟');
  const [id] = await customersOwnedBy(crm.db, await crm.userId('刘洋'));
  const { rows } = await crm.db.query<{ name: string; mobile: string }>(
    `select c.name, ct.mobile from customer c join contact ct on ct.customer_id = c.id
      where c.id = $1 and ct.mobile is not null order by ct.id limit 1`,
    [id],
  );
  target = { id: id!, ...rows[0]! };
});
afterAll(() => crm.stop());

/** Everything of the target customer an attack could change. */
async function snapshot() {
  const count = async (sql: string) => (await crm.db.query(sql, [target.id])).rows[0].n as number;
  return {
    customer: await customerRow(crm.db, target.id),
    followUps: await count('select count(*)::int as n from follow_up where customer_id = $1'),
    contacts: await count('select count(*)::int as n from contact where customer_id = $1'),
    tasks: await count('select count(*)::int as n from task where customer_id = $1'),
    audit: await auditRows(crm.db, 'customer', target.id),
  };
}

describe('a sales rep and a colleague’s customer', () => {
  test('by id through the API: every read and write is "not found", exactly like a missing id', async () => {
    const before = await snapshot();
    const attempts: [string, string, unknown?][] = [
      ['GET', ''],
      ['GET', '/timeline'],
      ['PATCH', '', { name: '被改掉的名字' }],
      ['DELETE', ''],
      ['PUT', '/owner', { ownerId: await crm.userId('张伟') }],
      ['POST', '/follow-ups', { kind: 'call', content: '冒充的跟进', nextAt: '2030-01-01T09:00:00+08:00' }],
    ];
    for (const [method, path, body] of attempts) {
      const theirs = await zhangWei.send(method, `/api/customers/${target.id}${path}`, body);
      const missing = await zhangWei.send(method, `/api/customers/99999999${path}`, body);
      expect(theirs.status, `${method} ${path}`).toBe(404);
      expect([theirs.body.type, theirs.body.title]).toEqual([missing.body.type, missing.body.title]);
      expect(JSON.stringify(theirs.body)).not.toContain(target.name);
    }
    expect(await snapshot()).toEqual(before);
  });

  test('search by name or phone tail in the list does not find it', async () => {
    for (const q of [target.name, target.mobile.slice(-4)]) {
      const found = await allPages(zhangWei, `/api/customers?q=${encodeURIComponent(q)}`);
      expect(found.map((c) => c.id)).not.toContain(target.id);
    }
  });

  test('客户 and 跟进 in chat do not find it, and no follow-up is logged', async () => {
    const before = await snapshot();
    const { actions, state } = sandboxOf(crm.server);
    for (const text of [`客户 ${target.name}`, `跟进 ${target.name} 电话沟通了报价`]) {
      const after = state.messages.list({}).at(-1)?.seq ?? 0;
      await actions.sendWeComText({ from: 'ZhangWei', text });
      const reply = await waitForOutgoing(
        crm.server,
        'wecom',
        (m) => m.seq > after && m.direction === 'out' && m.viewers.includes('ZhangWei'),
      );
      expect(reply.type).toBe('text');
      expect(textOf(reply)).toMatch(/^没有找到你可以查看的客户「/);
      expect(textOf(reply)).not.toContain('刘洋');
    }
    expect(await snapshot()).toEqual(before);
  });
});
