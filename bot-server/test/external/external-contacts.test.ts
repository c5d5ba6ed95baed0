import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WeComCustomers } from '../../src/sandbox/wecom/customers.js';
import { type Crm, type Session, startCrm } from '../api/customers-support.js';
import { waitFor } from '../support/wait.js';
import { corpId, postCallback, sealedCallback } from '../support/wecom-callback.js';

// WeCom 客户联系 → customers: the sandbox plays WeCom (its contacts and externalcontact/get), a
// sealed change_external_contact callback reaches the server, and the customer rows show the result.

let crm: Crm;
let wecom: WeComCustomers;
let zhang: Session;
let zhou: Session;

beforeAll(async () => {
  crm = await startCrm();
  wecom = crm.server.sandbox!.state.wecom.customers;
  zhang = await crm.as('张伟');
  zhou = await crm.as('周杰');
});
afterAll(() => crm.stop());

const nowSec = () => Math.floor(Date.now() / 1000);

function changeXml(changeType: string, userId: string, externalUserId: string, state?: string): string {
  return `<xml><ToUserName><![CDATA[${corpId}]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>${nowSec()}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_contact]]></Event><ChangeType><![CDATA[${changeType}]]></ChangeType><UserID><![CDATA[${userId}]]></UserID><ExternalUserID><![CDATA[${externalUserId}]]></ExternalUserID>${state ? `<State><![CDATA[${state}]]></State><WelcomeCode><![CDATA[WELCOME${Date.now()}]]></WelcomeCode>` : ''}</xml>`;
}

async function sendChange(changeType: string, userId: string, externalUserId: string, state?: string) {
  const res = await postCallback(
    sealedCallback(crm.server.url, changeXml(changeType, userId, externalUserId, state)),
  );
  expect(res.status).toBe(200);
}

interface LinkedRow {
  id: number;
  name: string;
  kind: string;
  phone: string | null;
  source: string | null;
  owner_id: number | null;
  collaborators: number[];
}

const linked = (externalUserId: string) =>
  crm.db
    .query<LinkedRow>(
      `select c.id, c.name, c.kind, c.phone, c.source, c.owner_id,
              coalesce(array_agg(cc.user_id order by cc.user_id) filter (where cc.user_id is not null), '{}') as collaborators
         from customer c left join customer_collaborator cc on cc.customer_id = c.id
        where c.wecom_external_user_id = $1 group by c.id`,
      [externalUserId],
    )
    .then((r) => r.rows[0]);

/** Waits until the linked customer satisfies `ok` (the event is handled by a background job). */
const linkedWhen = (externalUserId: string, ok: (row: LinkedRow) => boolean, what: string) =>
  waitFor(
    async () => {
      const row = await linked(externalUserId);
      return row && ok(row) ? row : undefined;
    },
    15_000,
    what,
  );

describe('change_external_contact events', () => {
  test('add with a 联系我 State creates the customer with that source, owned by the rep; others follow, leave, and the pool takes it', async () => {
    const zhangId = await crm.userId('张伟');
    const liuId = await crm.userId('刘洋');
    const { contact } = wecom.addFollow({
      userid: 'ZhangWei',
      name: '赵小姐',
      gender: 2,
      state: 'expo2026',
      nowSec: nowSec(),
    });
    const id = contact.external_userid;
    expect((await zhang.get(`/api/customers/by-external/${id}`)).status).toBe(404);

    await sendChange('add_external_contact', 'ZhangWei', id, 'expo2026');
    const created = await linkedWhen(id, () => true, 'the customer of the new contact');
    expect(created).toMatchObject({
      name: '赵小姐',
      kind: 'person',
      source: 'expo2026',
      owner_id: zhangId,
      phone: null,
    });
    const { rows: audits } = await crm.db.query(
      `select action, via from audit_log where object_type = 'customer' and object_id = $1`,
      [String(created.id)],
    );
    expect(audits).toEqual([{ action: 'create', via: 'sync' }]);
    // The add is also a lead 张伟 won through that code: counted with its source, already converted.
    const leads = await crm.db.query(
      `select company, source, status, owner_id, customer_id from lead where external_key = $1`,
      [`wecom-contact:${id}`],
    );
    expect(leads.rows).toEqual([
      {
        company: '赵小姐',
        source: 'expo2026',
        status: 'converted',
        owner_id: zhangId,
        customer_id: created.id,
      },
    ]);

    const view = await zhang.get(`/api/customers/by-external/${id}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ id: created.id, name: '赵小姐', owner: { id: zhangId, name: '张伟' } });
    // Outside 周杰's scope the link answers exactly like no link.
    const outside = await zhou.get(`/api/customers/by-external/${id}`);
    expect(outside.status).toBe(404);
    expect(outside.body.type).toBe('urn:kelian:problem:not-found');

    // edit: WeCom fills what Kelian still lacks (the mobile 张伟 noted), nothing else.
    contact.follows.find((f) => f.userid === 'ZhangWei')!.remark_mobiles = ['13900001111'];
    await sendChange('edit_external_contact', 'ZhangWei', id);
    await linkedWhen(id, (r) => r.phone === '13900001111', 'the noted mobile on the customer');

    // A second rep adds the same person: a collaborator, the owner stays.
    wecom.addFollow({ userid: 'LiuYang', name: '赵小姐', externalUserId: id, nowSec: nowSec() });
    await sendChange('add_external_contact', 'LiuYang', id);
    await linkedWhen(id, (r) => r.collaborators.includes(liuId), '刘洋 as collaborator');
    expect(await linked(id)).toMatchObject({ owner_id: zhangId, source: 'expo2026' });
    expect((await crm.db.query('select 1 from lead where company = $1', ['赵小姐'])).rowCount).toBe(1);

    // The customer deletes the owner: the next rep who still follows takes over.
    contact.follows = contact.follows.filter((f) => f.userid !== 'ZhangWei');
    await sendChange('del_follow_user', 'ZhangWei', id);
    const handedOver = await linkedWhen(id, (r) => r.owner_id === liuId, '刘洋 as the new owner');
    expect(handedOver.collaborators).toEqual([]);

    // The last rep deletes the customer: it goes to the pool (公海).
    contact.follows = [];
    await sendChange('del_external_contact', 'LiuYang', id);
    await linkedWhen(id, (r) => r.owner_id === null, 'the customer in the pool');
  });
});

describe('POST /api/customers/from-external', () => {
  test('creates the customer from WeCom for a rep who follows the contact, flags a likely duplicate, and refuses others', async () => {
    const existing = await zhang.send('POST', '/api/customers', {
      kind: 'person',
      name: '钱先生',
      phone: '13900002222',
    });
    expect(existing.status).toBe(201);
    const { contact } = wecom.addFollow({ userid: 'ZhangWei', name: '钱先生', nowSec: nowSec() });
    contact.follows[0]!.remark_mobiles = ['13900002222'];
    const id = contact.external_userid;

    const refused = await zhou.send('POST', '/api/customers/from-external', { externalUserId: id });
    expect(refused.status).toBe(404);
    expect(await linked(id)).toBeUndefined();

    const bad = await zhang.send('POST', '/api/customers/from-external', { externalUserId: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'externalUserId', message: '请提供外部联系人 ID' }]);

    const made = await zhang.send('POST', '/api/customers/from-external', { externalUserId: id });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      name: '钱先生',
      kind: 'person',
      phone: '13900002222',
      owner: { name: '张伟' },
    });
    expect(made.body.id).not.toBe(existing.body.id);
    const { rows } = await crm.db.query<{ changes: Record<string, { after: unknown }> }>(
      `select changes from audit_log where object_type = 'customer' and object_id = $1 and action = 'create'`,
      [String(made.body.id)],
    );
    expect(rows[0]!.changes.possibleDuplicates).toEqual({ before: null, after: [existing.body.id] });

    const again = await zhang.send('POST', '/api/customers/from-external', { externalUserId: id });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(made.body.id);
  });
});
