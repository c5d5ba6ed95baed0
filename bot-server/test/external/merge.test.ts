import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Crm, type Session, startCrm } from '../api/customers-support.js';
import { addDeal } from '../customers-360/support.js';

// Duplicates and the merge: everything of the merged customer moves to the survivor, which keeps
// its own values and gains the missing ones; the merged one waits in the recycle bin.

let crm: Crm;
let zhang: Session;
let zhou: Session;
beforeAll(async () => {
  crm = await startCrm();
  zhang = await crm.as('张伟');
  zhou = await crm.as('周杰');
});
afterAll(() => crm.stop());

const one = async (sql: string, params: unknown[]) => (await crm.db.query(sql, params)).rows[0];

test('a duplicate is listed, a rep who cannot change both is refused, and the merge moves everything', async () => {
  const zhangId = await crm.userId('张伟');
  const liuId = await crm.userId('刘洋');
  const tags = (
    await crm.db.query<{ id: number }>(
      'select distinct on (group_id) id from tag order by group_id, id limit 2',
    )
  ).rows.map((r) => r.id);
  const keep = await zhang.send('POST', '/api/customers', {
    kind: 'company',
    name: '华信精密制造',
    industry: '制造业',
    tagIds: [tags[0]],
    contacts: [{ name: '王经理', mobile: '13700001111' }],
  });
  expect(keep.status).toBe(201);
  const twin = await zhang.send('POST', '/api/customers', {
    kind: 'company',
    name: '华信精密制造',
    creditCode: '91350100M000100Y43',
    industry: '电子',
    city: '苏州',
    force: true,
    tagIds: [tags[1]],
    contacts: [{ name: '李工', mobile: '13700002222' }],
  });
  expect(twin.status).toBe(201);
  const [keepId, twinId] = [keep.body.id as number, twin.body.id as number];
  expect(
    (
      await zhang.send('POST', `/api/customers/${twinId}/follow-ups`, {
        kind: 'call',
        content: '电话沟通报价',
      })
    ).status,
  ).toBe(201);
  await crm.db.query(`update customer set wecom_external_user_id = 'wm-merge-twin' where id = $1`, [twinId]);
  await crm.db.query('insert into customer_collaborator (customer_id, user_id) values ($1, $2)', [
    twinId,
    liuId,
  ]);
  const dealId = await addDeal(crm.db, {
    customerId: twinId,
    ownerId: zhangId,
    name: '精密件年框',
    stage: '初步接洽',
  });
  const { id: taskId } = await one(
    `insert into task (title, assignee_id, customer_id, due_at, status, postponements, created_at, updated_at)
     values ('回访', $1, $2, now(), 'open', 0, now(), now()) returning id`,
    [zhangId, twinId],
  );
  const lead = await zhang.send('POST', '/api/leads', { company: '华信精密制造' });
  expect(lead.status).toBe(201);
  await crm.db.query('update lead set customer_id = $1 where id = $2', [twinId, lead.body.id]);

  const duplicates = await zhang.get(`/api/customers/${twinId}/duplicates`);
  expect(duplicates.status).toBe(200);
  expect(duplicates.body.items.map((c: { id: number; match: string }) => [c.id, c.match])).toEqual([
    [keepId, 'name'],
  ]);

  // 周杰 can change neither: the customers are not there for him, and nothing moves.
  const refused = await zhou.send('POST', `/api/customers/${twinId}/merge`, { intoId: keepId });
  expect(refused.status).toBe(404);
  expect(await one('select deleted_at, merged_into_id from customer where id = $1', [twinId])).toEqual({
    deleted_at: null,
    merged_into_id: null,
  });
  const bad = await zhang.send('POST', `/api/customers/${twinId}/merge`, { intoId: twinId });
  expect(bad.status).toBe(400);
  expect(bad.body.errors).toEqual([{ field: 'intoId', message: '不能把客户合并到它自己' }]);

  const merged = await zhang.send('POST', `/api/customers/${twinId}/merge`, { intoId: keepId });
  expect(merged.status).toBe(200);
  expect(merged.body).toMatchObject({
    id: keepId,
    industry: '制造业',
    creditCode: '91350100M000100Y43',
    city: '苏州',
    owner: { id: zhangId },
    collaborators: [{ id: liuId, name: '刘洋' }],
  });
  expect(merged.body.tags.map((t: { id: number }) => t.id).sort()).toEqual([...tags].sort());
  expect(merged.body.contacts.map((c: { name: string; primary: boolean }) => [c.name, c.primary])).toEqual([
    ['王经理', true],
    ['李工', false],
  ]);
  expect(merged.body.timeline.map((f: { content: string }) => f.content)).toEqual(['电话沟通报价']);

  expect(
    await one(
      'select deleted_at is not null as binned, merged_into_id, wecom_external_user_id from customer where id = $1',
      [twinId],
    ),
  ).toEqual({
    binned: true,
    merged_into_id: keepId,
    wecom_external_user_id: null,
  });
  expect(await one('select wecom_external_user_id from customer where id = $1', [keepId])).toEqual({
    wecom_external_user_id: 'wm-merge-twin',
  });
  expect(await one('select customer_id from opportunity where id = $1', [dealId])).toEqual({
    customer_id: keepId,
  });
  expect(await one('select customer_id from task where id = $1', [taskId])).toEqual({ customer_id: keepId });
  expect(await one('select customer_id from lead where id = $1', [lead.body.id])).toEqual({
    customer_id: keepId,
  });
  expect(
    await one(
      `select action, via from audit_log where object_type = 'customer' and object_id = $1 order by id desc limit 1`,
      [String(twinId)],
    ),
  ).toEqual({ action: 'merge', via: 'api' });
  expect((await zhang.get(`/api/customers/${twinId}`)).status).toBe(404);
});
