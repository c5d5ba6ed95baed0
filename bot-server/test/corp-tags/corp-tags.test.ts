import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { WeComCustomers } from '../../src/sandbox/wecom/customers.js';
import { type Crm, type Session, startCrm } from '../api/customers-support.js';
import { settleJobs } from '../support/jobs.js';
import { waitFor } from '../support/wait.js';
import { corpId, postCallback, sealedCallback } from '../support/wecom-callback.js';

// WeCom corp tags ↔ Kelian tags, with the sandbox playing WeCom: its tag list and its contacts'
// tags come in at start and on change_external_tag / edit_external_contact callbacks; a customer's
// tags changed in Kelian reach the owner's follow in WeCom through mark_tag.

let crm: Crm;
let wecom: WeComCustomers;
let zhang: Session;

beforeAll(async () => {
  crm = await startCrm();
  wecom = crm.server.sandbox!.state.wecom.customers;
  zhang = await crm.as('张伟');
});
afterAll(() => crm.stop());

const nowSec = () => Math.floor(Date.now() / 1000);
const contactNamed = (name: string) => [...wecom.contacts.values()].find((c) => c.name === name)!;
const wecomTag = (name: string) => wecom.tagGroups.flatMap((g) => g.tag).find((t) => t.name === name)!;

async function callback(xml: string) {
  const res = await postCallback(sealedCallback(crm.server.url, xml));
  expect(res.status).toBe(200);
}

const envelope = (event: string, fields: string) =>
  `<xml><ToUserName><![CDATA[${corpId}]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>${nowSec()}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[${event}]]></Event>${fields}</xml>`;

const tagChanged = (changeType: string, id: string, tagType = 'tag') =>
  callback(
    envelope(
      'change_external_tag',
      `<Id><![CDATA[${id}]]></Id><TagType><![CDATA[${tagType}]]></TagType><ChangeType><![CDATA[${changeType}]]></ChangeType>`,
    ),
  );

const contactEdited = (userId: string, externalUserId: string) =>
  callback(
    envelope(
      'change_external_contact',
      `<ChangeType><![CDATA[edit_external_contact]]></ChangeType><UserID><![CDATA[${userId}]]></UserID><ExternalUserID><![CDATA[${externalUserId}]]></ExternalUserID>`,
    ),
  );

interface GroupJson {
  id: number;
  name: string;
  fromWeCom: boolean;
  tags: { id: number; name: string }[];
}

const tagGroups = async (): Promise<GroupJson[]> => {
  const res = await zhang.get('/api/tag-groups');
  expect(res.status).toBe(200);
  return res.body.items;
};
const tagNamesOf = (groups: GroupJson[], group: string) =>
  groups.find((g) => g.name === group)?.tags.map((t) => t.name);

/** The tag names of the customer linked to an external contact, sorted. */
const customerTags = async (externalUserId: string) =>
  (
    await crm.db.query<{ name: string }>(
      `select t.name from customer c join customer_tag ct on ct.customer_id = c.id join tag t on t.id = ct.tag_id
        where c.wecom_external_user_id = $1 order by t.name`,
      [externalUserId],
    )
  ).rows.map((r) => r.name);

describe('WeCom → Kelian', () => {
  test('at start the corp tag groups are Kelian tag groups: a group of the same name is linked, not doubled', async () => {
    const groups = await tagGroups();
    expect(groups.filter((g) => g.name === '等级')).toHaveLength(1);
    expect(tagNamesOf(groups, '等级')).toEqual(['A类重点', 'B类普通', 'C类潜在']);
    expect(tagNamesOf(groups, '来源')).toEqual(['官网', '展会', '老客户转介绍']);
    expect(groups.find((g) => g.name === '等级')?.fromWeCom).toBe(true);
    expect(groups.find((g) => g.name === '行业')?.fromWeCom).toBe(false);
  });

  test("the contacts' tags came with them: each customer has its owner's tags from WeCom", async () => {
    expect(await customerTags(contactNamed('张先生').external_userid)).toEqual(['A类重点', '官网']);
    expect(await customerTags(contactNamed('王总').external_userid)).toEqual(['A类重点', '老客户转介绍']);
  });

  test('change_external_tag: a tag added, renamed or deleted in WeCom is added, renamed or deleted in Kelian', async () => {
    const level = wecom.tagGroups.find((g) => g.group_name === '等级')!;
    level.tag.push({
      id: 'etNEWTAGD0000000000001',
      name: 'D类待定',
      create_time: nowSec(),
      order: 3,
      deleted: false,
    });
    await tagChanged('create', 'etNEWTAGD0000000000001');
    await waitFor(async () =>
      tagNamesOf(await tagGroups(), '等级')?.includes('D类待定') ? true : undefined,
    );

    wecomTag('展会').name = '展会线索';
    await tagChanged('update', wecomTag('展会线索').id);
    await waitFor(async () =>
      tagNamesOf(await tagGroups(), '来源')?.includes('展会线索') ? true : undefined,
    );

    wecomTag('老客户转介绍').deleted = true;
    await tagChanged('delete', wecomTag('老客户转介绍').id);
    await waitFor(async () =>
      tagNamesOf(await tagGroups(), '来源')?.includes('老客户转介绍') ? undefined : true,
    );
    expect(tagNamesOf(await tagGroups(), '来源')).toEqual(['官网', '展会线索']);
    expect(await customerTags(contactNamed('王总').external_userid)).toEqual(['A类重点']);
  });

  test("edit_external_contact: the owner's new tags in WeCom become the customer's; tags made in Kelian stay", async () => {
    const zhangXs = contactNamed('张先生');
    const customerId = (
      await crm.db.query('select id from customer where wecom_external_user_id = $1', [
        zhangXs.external_userid,
      ])
    ).rows[0].id as number;
    const industry = (await tagGroups()).find((g) => g.name === '行业')!.tags[0]!;
    const current = (await zhang.get(`/api/customers/${customerId}`)).body.tags.map(
      (t: { id: number }) => t.id,
    );
    expect(
      (await zhang.send('PATCH', `/api/customers/${customerId}`, { tagIds: [...current, industry.id] }))
        .status,
    ).toBe(200);

    // Kelian's own change has reached WeCom before the rep retags the contact there.
    await settleJobs(crm.db);
    const follow = zhangXs.follows.find((f) => f.userid === 'ZhangWei')!;
    follow.tagIds = [wecomTag('B类普通').id, wecomTag('展会线索').id];
    await contactEdited('ZhangWei', zhangXs.external_userid);
    const expected = ['B类普通', industry.name, '展会线索'].sort();
    await waitFor(async () =>
      JSON.stringify(await customerTags(zhangXs.external_userid)) === JSON.stringify(expected)
        ? true
        : undefined,
    );
  });
});

describe('Kelian → WeCom', () => {
  test("tags changed in Kelian are marked on the owner's follow in WeCom; a collaborator's follow is left alone", async () => {
    const chen = contactNamed('陈经理');
    const owner = (
      await crm.db.query(
        `select c.id, u.wecom_user_id from customer c join app_user u on u.id = c.owner_id where c.wecom_external_user_id = $1`,
        [chen.external_userid],
      )
    ).rows[0] as { id: number; wecom_user_id: string };
    const other = chen.follows.find((f) => f.userid !== owner.wecom_user_id)!;
    const otherBefore = [...other.tagIds];
    const groups = await tagGroups();
    const tagId = (group: string, name: string) =>
      groups.find((g) => g.name === group)!.tags.find((t) => t.name === name)!.id;
    const ownerSession = await crm.as(owner.wecom_user_id === 'ZhangWei' ? '张伟' : '刘洋');
    const res = await ownerSession.send('PATCH', `/api/customers/${owner.id}`, {
      tagIds: [tagId('等级', 'A类重点'), tagId('来源', '官网')],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const ownerFollow = chen.follows.find((f) => f.userid === owner.wecom_user_id)!;
    const wanted = [wecomTag('A类重点').id, wecomTag('官网').id].sort();
    await waitFor(async () =>
      JSON.stringify([...ownerFollow.tagIds].sort()) === JSON.stringify(wanted) ? true : undefined,
    );
    expect(other.tagIds).toEqual(otherBefore);
  });
});

describe('tag definitions made in Kelian', () => {
  const liveGroup = (name: string) => wecom.tagGroups.find((g) => g.group_name === name && !g.deleted);
  const liveTagNames = (group: string) =>
    liveGroup(group)
      ?.tag.filter((t) => !t.deleted)
      .map((t) => t.name);
  const untilWeCom = (check: () => boolean) => waitFor(async () => (check() ? true : undefined));

  test('only an administrator changes tags; bad input answers 400 per field and creates nothing', async () => {
    const before = await crm.db.query('select count(*)::int as n from tag_group');
    const refused = await zhang.send('POST', '/api/tag-groups', { name: '合作意向', tags: [{ name: '高' }] });
    expect(refused.status).toBe(403);
    const admin = await crm.as('徐明');
    const bad = await admin.send('POST', '/api/tag-groups', {
      name: '',
      tags: [{ name: '高', color: 'red' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['name', 'tags.0.color']);
    const taken = await admin.send('POST', '/api/tag-groups', { name: '等级', tags: [{ name: '甲' }] });
    expect(taken.status).toBe(400);
    expect(taken.body.errors).toEqual([{ field: 'name', message: '已有名为「等级」的标签组' }]);
    expect((await admin.send('PATCH', '/api/tags/999999', { name: 'x' })).status).toBe(404);
    expect((await crm.db.query('select count(*)::int as n from tag_group')).rows).toEqual(before.rows);
  });

  test('a group made, renamed, extended and deleted in Kelian is the same in WeCom', async () => {
    const admin = await crm.as('徐明');
    const created = await admin.send('POST', '/api/tag-groups', {
      name: '合作意向',
      tags: [{ name: '高', color: '#f5222d' }, { name: '中' }, { name: '低' }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await untilWeCom(() => JSON.stringify(liveTagNames('合作意向')) === JSON.stringify(['高', '中', '低']));
    await waitFor(async () =>
      (await tagGroups()).find((g) => g.name === '合作意向')?.fromWeCom ? true : undefined,
    );

    const high = created.body.tags.find((t: { name: string }) => t.name === '高');
    expect((await admin.send('PATCH', `/api/tags/${high.id}`, { name: '高意向' })).status).toBe(200);
    await untilWeCom(() => liveTagNames('合作意向')?.includes('高意向') === true);

    expect(
      (await admin.send('POST', `/api/tag-groups/${created.body.id}/tags`, { name: '待定' })).status,
    ).toBe(201);
    await untilWeCom(() => liveTagNames('合作意向')?.includes('待定') === true);

    const low = created.body.tags.find((t: { name: string }) => t.name === '低');
    expect((await admin.send('DELETE', `/api/tags/${low.id}`)).status).toBe(204);
    await untilWeCom(() => liveTagNames('合作意向')?.includes('低') === false);

    expect(
      (await admin.send('PATCH', `/api/tag-groups/${created.body.id}`, { name: '合作意愿' })).status,
    ).toBe(200);
    await untilWeCom(() => liveGroup('合作意愿') !== undefined);

    expect((await admin.send('DELETE', `/api/tag-groups/${created.body.id}`)).status).toBe(204);
    await untilWeCom(() => liveGroup('合作意愿') === undefined);
    expect((await tagGroups()).some((g) => g.name === '合作意愿')).toBe(false);
  });

  // The mirror job writes a new group's WeCom ids, the group first, then its tags. A deletion of the
  // group at that moment used to delete the tags first and then wait for the group: each waited for
  // the other, PostgreSQL aborted one, and the admin got a 500.
  test.runIf(inject('dbKind') === 'postgres')(
    'a group deleted while its WeCom ids are being written is deleted, in Kelian and in WeCom',
    async () => {
      const admin = await crm.as('徐明');
      const created = await admin.send('POST', '/api/tag-groups', {
        name: '到访意向',
        tags: [{ name: '本周' }],
      });
      expect(created.status).toBe(201);
      await untilWeCom(() => liveGroup('到访意向') !== undefined);
      await settleJobs(crm.db);
      const group = created.body.id as number;
      const ids = await crm.db.query<{ wecom_group_id: string; wecom_tag_id: string }>(
        'select g.wecom_group_id, t.wecom_tag_id from tag_group g join tag t on t.group_id = g.id where g.id = $1',
        [group],
      );
      // A writer in the job's order holds the group while the admin's deletion starts.
      const writer = await crm.db.connect();
      try {
        await writer.query('begin');
        await writer.query('update tag_group set wecom_group_id = wecom_group_id where id = $1', [group]);
        const deletion = admin.send('DELETE', `/api/tag-groups/${group}`);
        await waitFor(async () => {
          const { rows } = await crm.db.query<{ n: number }>(
            'select count(*)::int as n from pg_locks where not granted',
          );
          return rows[0]!.n > 0 ? true : undefined;
        });
        await writer.query('update tag set wecom_tag_id = wecom_tag_id where group_id = $1', [group]);
        await writer.query('commit');
        expect((await deletion).status).toBe(204);
      } finally {
        writer.release();
      }
      const left = await crm.db.query('select id from tag_group where id = $1', [group]);
      expect(left.rows).toEqual([]);
      expect(ids.rows[0]!.wecom_group_id).toBeTruthy();
      await untilWeCom(() => liveGroup('到访意向') === undefined);
    },
  );
});
