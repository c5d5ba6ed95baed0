import { afterAll, beforeAll, expect, test } from 'vitest';
import type { WeComCustomers } from '../../src/sandbox/wecom/customers.js';
import { auditRows, type Crm, type Session, startCrm } from '../api/customers-support.js';
import { waitFor } from '../support/wait.js';

// The administrator puts tag groups, and the tags of a group, in a new order: Kelian lists them so,
// each move is in the audit log, and the corp tags WeCom governs get the same order there (its
// sync would otherwise put them back).

let crm: Crm;
let wecom: WeComCustomers;
let admin: Session;
beforeAll(async () => {
  crm = await startCrm();
  wecom = crm.server.sandbox!.state.wecom.customers;
  admin = await crm.as('徐明');
});
afterAll(() => crm.stop());

interface GroupJson {
  id: number;
  name: string;
  fromWeCom: boolean;
  tags: { id: number; name: string }[];
}

const groups = async (): Promise<GroupJson[]> => (await admin.get('/api/tag-groups')).body.items;

test('groups and the tags of a WeCom group in a new order, in Kelian and in WeCom', async () => {
  const before = await groups();
  const reversed = before.map((g) => g.id).reverse();
  const moved = await admin.send('PUT', '/api/tag-groups/order', { ids: reversed });
  expect(moved.status, JSON.stringify(moved.body)).toBe(200);
  expect(moved.body.items.map((g: GroupJson) => g.id)).toEqual(reversed);
  expect((await groups()).map((g) => g.id)).toEqual(reversed);
  const last = before.at(-1)!;
  expect((await auditRows(crm.db, 'tagGroup', last.id)).at(-1)).toMatchObject({
    action: 'update',
    changes: { position: { after: 0 } },
  });

  const synced = before.find((g) => g.fromWeCom && g.tags.length > 2)!;
  const tagIds = synced.tags.map((t) => t.id).reverse();
  const names = synced.tags.map((t) => t.name).reverse();
  const reordered = await admin.send('PUT', `/api/tag-groups/${synced.id}/tags/order`, { ids: tagIds });
  expect(reordered.status, JSON.stringify(reordered.body)).toBe(200);
  expect(reordered.body.tags.map((t: { name: string }) => t.name)).toEqual(names);
  const inWeCom = () =>
    wecom.tagGroups
      .find((g) => g.group_name === synced.name)!
      .tag.filter((t) => !t.deleted)
      .sort((a, b) => a.order - b.order)
      .map((t) => t.name);
  await waitFor(async () => (JSON.stringify(inWeCom()) === JSON.stringify(names) ? true : undefined));
});

test('the order names every group or tag once, only an administrator sets it, and a refusal changes nothing', async () => {
  const before = await groups();
  const ids = before.map((g) => g.id);
  for (const wrong of [ids.slice(1), [...ids, ids[0]!], [...ids.slice(1), 999_999]]) {
    const res = await admin.send('PUT', '/api/tag-groups/order', { ids: wrong });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'ids', message: '请按新的顺序列出全部标签组，每个一次' }]);
  }
  const group = before[0]!;
  const tags = await admin.send('PUT', `/api/tag-groups/${group.id}/tags/order`, { ids: [] });
  expect(tags.body.errors).toEqual([
    { field: 'ids', message: `请按新的顺序列出「${group.name}」组的全部标签，每个一次` },
  ]);
  expect((await admin.send('PUT', '/api/tag-groups/999999/tags/order', { ids: [] })).status).toBe(404);
  const rep = await crm.as('张伟');
  const refused = await rep.send('PUT', '/api/tag-groups/order', { ids: [...ids].reverse() });
  expect(refused.status).toBe(403);
  expect(await groups()).toEqual(before);
});
