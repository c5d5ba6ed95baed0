// What a role may do (issue 19: "edit, delete, export, reassign, approve…"): exporting lists and
// approving are rights a role holds per object within its data scope, offered by the vocabulary the
// console's role editor is built from, in Chinese. The built-in 销售主管 exports and approves, 销售
// does neither. The export and approval features themselves are later issues; what they will ask the
// one policy is checked here on the demo company.
import { UserSchema } from '@kelian/orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { accessOf } from '../../src/domain/access/access.js';
import { grantsFor } from '../../src/domain/access/policy.js';
import { type Crm, type Session, startCrm } from '../api/customers-support.js';

let crm: Crm;
let admin: Session;

beforeAll(async () => {
  crm = await startCrm();
  admin = await crm.as('徐明');
});
afterAll(() => crm.stop());

const roleNamed = async (name: string) =>
  (await admin.get('/api/roles')).body.items.find((r: { name: string }) => r.name === name);

describe('the vocabulary', () => {
  test('offers 导出 for every list and 审批 for customers and deals, and nowhere else', async () => {
    const { body } = await admin.get('/api/roles/vocabulary');
    const verbs = Object.fromEntries(
      body.rights.map((o: { object: string; verbs: { verb: string; label: string }[] }) => [
        o.object,
        Object.fromEntries(o.verbs.map((v) => [v.verb, v.label])),
      ]),
    );
    for (const object of ['customer', 'lead', 'opportunity', 'task'])
      expect(verbs[object], object).toMatchObject({ export: '导出' });
    for (const object of ['customer', 'opportunity'])
      expect(verbs[object], object).toMatchObject({ approve: '审批' });
    expect(verbs.lead.approve).toBeUndefined();
    expect(verbs.task.approve).toBeUndefined();
    expect(verbs.settings).toEqual({ administer: '管理设置' });
  });

  test('a role is given them where offered, and refused them elsewhere with the verb named', async () => {
    const created = await admin.send('POST', '/api/roles', {
      name: '区域审批人',
      defaultScope: 'department_tree',
      rights: { customer: ['read', 'export', 'approve'], opportunity: ['read', 'approve'] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.rights).toEqual({
      customer: ['read', 'export', 'approve'],
      opportunity: ['read', 'approve'],
    });
    const before = (await crm.db.query('select * from role order by id')).rows;
    for (const [object, verb] of [
      ['lead', 'approve'],
      ['settings', 'export'],
    ] as const) {
      const res = await admin.send('PATCH', `/api/roles/${created.body.id}`, {
        rights: { [object]: [verb] },
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        type: 'urn:kelian:problem:role-verb-unknown',
        title: `「${object}」不能设置「${verb}」权限`,
      });
    }
    expect((await crm.db.query('select * from role order by id')).rows).toEqual(before);
    expect((await admin.send('DELETE', `/api/roles/${created.body.id}`)).status).toBe(204);
  });
});

describe('the built-in roles', () => {
  test('the admin and 销售主管 export and approve; finance approves deals; 销售, 采购, 客服 do neither', async () => {
    const holds = async (name: string, object: string, verb: string) =>
      ((await roleNamed(name)).rights[object] ?? []).includes(verb);
    for (const name of ['管理员', '销售主管'])
      for (const [object, verb] of [
        ['customer', 'export'],
        ['customer', 'approve'],
        ['lead', 'export'],
        ['opportunity', 'export'],
        ['opportunity', 'approve'],
        ['task', 'export'],
      ] as const)
        expect(await holds(name, object, verb), `${name} ${object} ${verb}`).toBe(true);
    expect(await holds('财务', 'opportunity', 'approve')).toBe(true);
    expect(await holds('财务', 'customer', 'export')).toBe(false);
    for (const name of ['销售', '采购', '客服'])
      expect(JSON.stringify((await roleNamed(name)).rights), name).not.toMatch(/export|approve/);
  });

  test('the policy grants them within the holder’s scope: 李娜 her department tree, 张伟 nothing', async () => {
    const em = crm.server.orm.em.fork();
    const user = (name: string) => em.findOneOrFail(UserSchema, { name }, { populate: ['department'] });
    const li = await accessOf(em, await user('李娜'));
    expect(grantsFor(li, 'customer', 'export')).toEqual([
      expect.objectContaining({ scope: 'department_tree', anchor: (await user('李娜')).department!.id }),
    ]);
    expect(grantsFor(li, 'opportunity', 'approve')).toHaveLength(1);
    const zhang = await accessOf(em, await user('张伟'));
    expect(grantsFor(zhang, 'customer', 'export')).toEqual([]);
    expect(grantsFor(zhang, 'opportunity', 'approve')).toEqual([]);
    const xu = await accessOf(em, await user('徐明'));
    expect(grantsFor(xu, 'customer', 'export')).toEqual([{ scope: 'all' }]);
  });
});
