// Text PostgreSQL cannot store (NUL; a lone UTF-16 surrogate) and ids that only look like numbers.
// Through the API every such request is refused with one problem naming the field, at every route
// of the OpenAPI document (new routes are covered as they are documented), and nothing is stored.
// What the platforms have sealed and sent is kept instead, without those characters, and answered.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Crm, type Session, startCrm } from '../api/customers-support.js';
import { sandboxOf, textOf, waitForOutgoing } from '../support/sandbox.js';
import { postCallback, sealedCallback, textMessageXml } from '../support/wecom-callback.js';

let crm: Crm;
let admin: Session;

beforeAll(async () => {
  crm = await startCrm();
  admin = await crm.as('徐明');
});
afterAll(() => crm?.stop());

/** Tables that change without anyone's input: sessions, counters, jobs and deliveries. */
const plumbing = new Set([
  'mikro_orm_migrations',
  'session',
  'rate_counter',
  'run_slot',
  'platform_token',
  'inbox_event',
  'card_instance',
  'outbound_message',
  'rate_key',
  'rate_slot',
  'firing',
]);

/** Every application table's content, as one fingerprint per table. */
async function everything(): Promise<Record<string, string>> {
  const { rows: tables } = await crm.db.query<{ name: string }>(
    `select tablename as name from pg_tables where schemaname = 'public' order by tablename`,
  );
  const shown: Record<string, string> = {};
  for (const { name } of tables.filter((t) => !plumbing.has(t.name))) {
    const { rows } = await crm.db.query<{ n: number; digest: string | null }>(
      `select count(*)::int as n, md5(string_agg(t::text, '|' order by t::text)) as digest from "${name}" t`,
    );
    shown[name] = `${rows[0]!.n}:${rows[0]!.digest}`;
  }
  return shown;
}

interface Operation {
  parameters?: { name: string; in: 'path' | 'query' }[];
  requestBody?: unknown;
}

/** Every documented operation: method, path template, parameters, whether it takes a body. */
async function documentedRoutes() {
  const doc = (await crm.api('/api/openapi.json')).body as {
    paths: Record<string, Record<string, Operation>>;
  };
  return Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      pathParams: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
      queryParams: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      takesBody: ['POST', 'PUT', 'PATCH'].includes(method.toUpperCase()),
    })),
  );
}

/** `/api/customers/{id}` with every parameter set to a plausible value, or `bad` for `which`. */
const fill = (path: string, which?: string, bad?: string) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => (name === which ? bad! : name === 'id' ? '1' : 'wm001'));

function expectRefusedFor(res: Awaited<ReturnType<Session['send']>>, where: string, field: string): void {
  expect(res.status, where).toBe(400);
  expect(res.headers.get('content-type'), where).toContain('application/problem+json');
  expect(res.body.type, where).toBe('urn:kelian:problem:unstorable-characters');
  expect(res.body.title, where).toBe('内容含有无法保存的字符');
  expect(res.body.errors, where).toEqual([{ field, message: expect.stringContaining('无法保存的字符') }]);
}

describe('through the API: refused with 400 at every route, nothing stored', () => {
  test('NUL in a path parameter, in the query string, in a body value and in a body key', async () => {
    const before = await everything();
    const routes = await documentedRoutes();
    expect(routes.length).toBeGreaterThan(50);
    let checked = 0;
    for (const route of routes) {
      const at = `${route.method} ${route.path}`;
      for (const param of route.pathParams) {
        const url = fill(route.path, param, param === 'id' ? '1%00' : 'wm%00001');
        expectRefusedFor(await admin.send(route.method, url), `${at} path ${param}`, param);
        checked++;
      }
      const query = route.queryParams[0] ?? 'q';
      const withQuery = `${fill(route.path)}?${query}=${encodeURIComponent('北京\u0000')}`;
      expectRefusedFor(await admin.send(route.method, withQuery), `${at} query`, query);
      checked++;
      if (!route.takesBody) continue;
      const value = await admin.send(route.method, fill(route.path), {
        name: '北京星河科技',
        contacts: [{ name: '赵\u0000敏' }],
      });
      expectRefusedFor(value, `${at} body value`, 'contacts.0.name');
      const key = await admin.send(route.method, fill(route.path), { 'note\u0000': '备注' });
      expectRefusedFor(key, `${at} body key`, 'note\\u0000');
      checked += 2;
    }
    expect(checked).toBeGreaterThan(100);
    expect(await everything()).toEqual(before);
  });

  test('a lone surrogate is refused like NUL, a whole emoji is kept', async () => {
    const before = await everything();
    const created = await admin.send('POST', '/api/tag-groups', {
      name: '意向\ud83d',
      tags: [{ name: '高' }],
    });
    expectRefusedFor(created, 'POST /api/tag-groups', 'name');
    const low = await admin.send('POST', '/api/tag-groups', { name: '意向', tags: [{ name: '\ude00' }] });
    expectRefusedFor(low, 'POST /api/tag-groups', 'tags.0.name');
    expect(await everything()).toEqual(before);

    const emoji = await admin.send('POST', '/api/tag-groups', { name: '意向😀', tags: [{ name: '高' }] });
    expect(emoji.status).toBe(201);
    expect(emoji.body.name).toBe('意向😀');
    expect((await admin.send('DELETE', `/api/tag-groups/${emoji.body.id}`)).status).toBe(204);
  });

  test('the sign-in, the lead webhook and the sandbox page refuse it too, before anything else', async () => {
    const before = await everything();
    expectRefusedFor(
      await crm.api('/api/auth/sandbox', { body: { userId: 1, x: '\u0000' } }),
      'sign-in',
      'x',
    );
    expectRefusedFor(
      await crm.api('/api/leads/inbound', { body: { company: '北京\u0000科技', region: '北京' } }),
      'lead webhook',
      'company',
    );
    const page = await crm.api('/sandbox/page/api/send', {
      body: { platform: 'wecom', user: 'ZhangWei', chat: 'bot', text: '帮助\u0000' },
    });
    expectRefusedFor(page, 'sandbox page', 'text');
    const sandboxApi = await crm.api('/sandbox/api/wecom/send', {
      body: { from: 'ZhangWei', text: '帮\u0000助' },
    });
    expectRefusedFor(sandboxApi, 'sandbox api', 'text');
    expect(await everything()).toEqual(before);
  });
});

describe('ids are positive decimal integers, written plainly', () => {
  const lookalikes = ['0x10', '1e1', ' 16', '016', '-1', '1.0', '+16', '16 ', '0', '1_6', '99999999999'];

  test('a tag and a customer survive DELETE with every id that only looks like theirs', async () => {
    const { rows } = await crm.db.query<{ id: number }>('select id from tag order by id');
    expect(rows.map((r) => r.id)).toEqual(expect.arrayContaining([1, 10, 16]));
    const customer = (await crm.db.query<{ id: number }>('select min(id)::int as id from customer')).rows[0]!
      .id;
    const before = await everything();
    for (const id of lookalikes) {
      const tag = await admin.send('DELETE', `/api/tags/${encodeURIComponent(id)}`);
      expect(tag.status, `tag ${JSON.stringify(id)}`).toBe(400);
      expect(tag.body.errors, `tag ${JSON.stringify(id)}`).toEqual([
        { field: 'id', message: '标签编号应为正整数' },
      ]);
      const one = await admin.send('DELETE', `/api/customers/${encodeURIComponent(id)}`);
      expect(one.status, `customer ${JSON.stringify(id)}`).toBe(400);
      expect(one.body.errors).toEqual([{ field: 'id', message: '客户编号应为正整数' }]);
    }
    expect(await everything()).toEqual(before);
    expect((await admin.get(`/api/customers/${customer}`)).status).toBe(200);
  });

  test('ids in the query string are held to the same rule; a plain id still works', async () => {
    for (const [path, field, message] of [
      ['/api/audit?actor=', 'actor', 'actor 应为用户编号'],
      ['/api/tasks?assignee=', 'assignee', 'assignee 应为用户编号'],
      ['/api/opportunities?owner=', 'owner', 'owner 应为用户编号'],
      ['/api/customers?stage=', 'stage', 'stage 应为商机阶段编号'],
      ['/api/customers?tags=3,', 'tags', 'tags 应为逗号分隔的标签编号，例如 3,8'],
    ] as const) {
      for (const id of ['0x10', '1e1', '016']) {
        const res = await admin.get(`${path}${encodeURIComponent(id)}`);
        expect(res.status, `${path}${id}`).toBe(400);
        expect(res.body.errors).toEqual([{ field, message }]);
      }
    }
    const self = await crm.userId('徐明');
    expect((await admin.get(`/api/audit?actor=${self}`)).status).toBe(200);
  });
});

describe('what a platform sealed is kept without the characters, stored and answered', () => {
  test('a WeCom text with NUL: 200 to WeCom, stored without the NUL, the bot answers', async () => {
    const res = await postCallback(sealedCallback(crm.server.url, textMessageXml('ZhangWei', '帮\u0000助')));
    expect(res.status).toBe(200);
    const answer = await waitForOutgoing(
      crm.server,
      'wecom',
      (m) => m.viewers.includes('ZhangWei') && m.type === 'markdown' && textOf(m).includes('**帮助**'),
    );
    expect(textOf(answer)).toContain('张伟，你好');
    const { rows } = await crm.db.query(
      `select event->>'text' as text from inbox_event where platform = 'wecom' and kind = 'text' order by id desc limit 1`,
    );
    expect(rows).toEqual([{ text: '帮助' }]);
  });

  test('a DingTalk Stream frame with NUL and a lone surrogate: ACKed, stored without them, answered', async () => {
    const { delivery } = await sandboxOf(crm.server).actions.sendDingTalkText({
      from: '0100102',
      text: '帮\u0000助\ud800',
    });
    expect(delivery).toMatchObject({ mode: 'stream', delivered: true });
    expect(delivery.mode === 'stream' && delivery.ack).toMatchObject({ code: 200 });
    const answer = await waitForOutgoing(
      crm.server,
      'dingtalk',
      (m) => m.viewers.includes('0100102') && textOf(m).includes('张伟，你好'),
    );
    expect(textOf(answer)).toContain('帮助');
    const { rows } = await crm.db.query(
      `select event->>'text' as text from inbox_event where platform = 'dingtalk' and kind = 'text' order by id desc limit 1`,
    );
    expect(rows).toEqual([{ text: '帮助' }]);
  });
});
