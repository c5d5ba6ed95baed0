// 更换负责人: when a manager hands a customer to someone else (the mini-app's owner change, PUT
// /api/customers/:id/owner), the new owner and the one who lost it are told in their direct chat
// with the bot; whoever made the change is not told about it.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BOT_CHAT } from '../../src/sandbox/state/messages.js';
import { settleJobs } from '../support/jobs.js';
import { sandboxOf, textOf } from '../support/sandbox.js';
import { waitFor } from '../support/wait.js';
import { type Crm, customersOwnedBy, type Session, startCrm } from './customers-support.js';

let crm: Crm;
let liNa: Session;
let ids: Record<'zhangWei' | 'liuYang' | 'liNa', number>;

beforeAll(async () => {
  crm = await startCrm();
  liNa = await crm.as('李娜');
  ids = {
    zhangWei: await crm.userId('张伟'),
    liuYang: await crm.userId('刘洋'),
    liNa: await crm.userId('李娜'),
  };
});
afterAll(() => crm.stop());

const lastSeq = () => sandboxOf(crm.server).state.messages.list({}).at(-1)?.seq ?? 0;

/** What each person read in their direct WeCom chat with the bot since `after`, about `customer`. */
function toldSince(after: number, customer: string): Record<string, string[]> {
  const told: Record<string, string[]> = {};
  for (const m of sandboxOf(crm.server).state.messages.list({ platform: 'wecom', chat: BOT_CHAT }))
    if (m.seq > after && m.direction === 'out' && textOf(m).includes(customer))
      for (const viewer of m.viewers) told[viewer] = [...(told[viewer] ?? []), textOf(m)].sort();
  return told;
}

/** Waits until `count` people were told about `customer`, lets the rest of the work finish, answers who read what. */
async function waitUntilTold(after: number, customer: string, count: number) {
  await waitFor(async () => (Object.keys(toldSince(after, customer)).length >= count ? true : undefined));
  await settleJobs(crm.db);
  return toldSince(after, customer);
}

const nameOf = async (id: number) =>
  (await crm.db.query<{ name: string }>('select name from customer where id = $1', [id])).rows[0]!.name;

describe('更换负责人', () => {
  test('the new owner and the former one are told who handed the customer to whom; the manager is not', async () => {
    const [customer] = await customersOwnedBy(crm.db, ids.zhangWei);
    const name = await nameOf(customer!);
    const after = lastSeq();
    const res = await liNa.send('PUT', `/api/customers/${customer}/owner`, { ownerId: ids.liuYang });
    expect(res.status).toBe(200);
    expect(await waitUntilTold(after, name, 2)).toEqual({
      LiuYang: [`李娜 把客户 ${name} 交给了你`],
      ZhangWei: [`李娜 把客户 ${name} 交给了 刘洋`],
    });
  });

  test('taking a customer over tells the former owner; handing it to the pool tells its owner', async () => {
    const [customer] = await customersOwnedBy(crm.db, ids.zhangWei);
    const name = await nameOf(customer!);
    let after = lastSeq();
    expect((await liNa.send('PUT', `/api/customers/${customer}/owner`, { ownerId: ids.liNa })).status).toBe(
      200,
    );
    expect(await waitUntilTold(after, name, 1)).toEqual({ ZhangWei: [`李娜 把客户 ${name} 交给了 李娜`] });

    // Her own customer, to the pool and back to herself: nobody else concerned, nobody told.
    after = lastSeq();
    expect((await liNa.send('PUT', `/api/customers/${customer}/owner`, { ownerId: null })).status).toBe(200);
    expect((await liNa.send('PUT', `/api/customers/${customer}/owner`, { ownerId: ids.liNa })).status).toBe(
      200,
    );
    await settleJobs(crm.db);
    expect(toldSince(after, name)).toEqual({});

    after = lastSeq();
    expect(
      (await liNa.send('PUT', `/api/customers/${customer}/owner`, { ownerId: ids.zhangWei })).status,
    ).toBe(200);
    expect((await liNa.send('PUT', `/api/customers/${customer}/owner`, { ownerId: null })).status).toBe(200);
    expect(await waitUntilTold(after, name, 1)).toEqual({
      ZhangWei: [`李娜 把客户 ${name} 交给了你`, `李娜 把客户 ${name} 退回了公海`].sort(),
    });
  });

  test('a manager handing a rep’s lead back to the pool tells the rep; a rep releasing his own is not told', async () => {
    const zhangWei = await crm.as('张伟');
    const lead = async (company: string) => {
      const created = await zhangWei.send('POST', '/api/leads', { company, region: '天津' });
      expect(created.status).toBe(201);
      expect((await zhangWei.send('POST', `/api/leads/${created.body.id}/claim`)).status).toBe(200);
      return created.body.id as number;
    };
    const handedBack = await lead('天津交接测试港务有限公司');
    const released = await lead('天津自行退回测试有限公司');
    const after = lastSeq();
    expect((await liNa.send('POST', `/api/leads/${handedBack}/release`)).status).toBe(200);
    expect((await zhangWei.send('POST', `/api/leads/${released}/release`)).status).toBe(200);
    expect(await waitUntilTold(after, '测试', 1)).toEqual({
      ZhangWei: ['李娜 把线索 天津交接测试港务有限公司 退回了公海'],
    });
  });

  test('a refused change tells nobody', async () => {
    const [customer] = await customersOwnedBy(crm.db, ids.zhangWei);
    const name = await nameOf(customer!);
    const after = lastSeq();
    const sunHao = await crm.userId('孙浩');
    expect((await liNa.send('PUT', `/api/customers/${customer}/owner`, { ownerId: sunHao })).status).toBe(
      403,
    );
    await settleJobs(crm.db);
    expect(toldSince(after, name)).toEqual({});
  });
});
