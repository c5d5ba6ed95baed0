import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { call, type SandboxServer, startSandboxServer } from './support/sandbox-server.js';

let s: SandboxServer;
beforeEach(async () => {
  s = await startSandboxServer();
});
afterEach(() => s.stop());

describe('/sandbox/api', () => {
  test('the org lists every person with both platforms’ ids and the same mobile', async () => {
    const { body } = await call(`${s.url}/sandbox/api/org`);
    expect(body.companyName).toBe('云帆智能科技（演示）');
    const people = body.people as {
      name: string;
      mobile: string;
      wecom: { userid: string };
      dingtalk: { userid: string };
    }[];
    expect(people).toHaveLength(21);
    expect(people.find((p) => p.name === '张伟')).toMatchObject({
      wecom: { userid: 'ZhangWei' },
      dingtalk: { userid: '0100102' },
      mobile: '13800100102',
    });
    const departments = body.departments as { name: string; wecomId: number; dingtalkId: number }[];
    expect(departments.find((d) => d.name === '采购部')).toMatchObject({ wecomId: 6, dingtalkId: 910000005 });
    const groups = (body.dingtalk as { groups: { name: string; openConversationId: string }[] }).groups;
    expect(groups.map((g) => g.name)).toEqual([
      '华北销售部群',
      '华东销售部群',
      '华南销售部群',
      '客服群',
      '采购群',
    ]);
    expect(groups[0]?.openConversationId).toMatch(/^cid.{22}==$/);
  });

  test('messages filter by platform, chat, user and `after`', async () => {
    const first = await call(`${s.url}/sandbox/api/dingtalk/send`, {
      body: { from: '0100102', text: '帮助' },
    });
    expect(first.status).toBe(200);
    expect(first.body.delivery).toMatchObject({ mode: 'stream', delivered: false });
    await call(`${s.url}/sandbox/api/dingtalk/send`, { body: { from: '0100103', text: '客户' } });
    const all = (await call(`${s.url}/sandbox/api/messages?platform=dingtalk`)).body.messages as {
      seq: number;
    }[];
    expect(all).toHaveLength(2);
    const newer = await call(`${s.url}/sandbox/api/messages?after=${all[0]?.seq}`);
    expect(newer.body.messages).toEqual([expect.objectContaining({ from: { id: '0100103', name: '刘洋' } })]);
    expect((await call(`${s.url}/sandbox/api/messages?platform=wecom`)).body.messages).toEqual([]);
    expect((await call(`${s.url}/sandbox/api/messages?platform=line`)).status).toBe(400);
  });

  test('action bodies are checked and refused with a Chinese title', async () => {
    const empty = await call(`${s.url}/sandbox/api/wecom/send`, { body: { from: 'ZhangWei', text: '   ' } });
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({
      type: 'urn:kelian:problem:invalid-request',
      title: '请求内容有误，请检查标出的字段',
    });
    expect((empty.body.errors as { field: string }[])[0]?.field).toBe('text');
    const stranger = await call(`${s.url}/sandbox/api/dingtalk/send`, {
      body: { from: 'ZhangWei', text: '你好' },
    });
    expect(stranger).toMatchObject({ status: 404, body: { title: '钉钉沙箱中没有这位成员' } });
    expect((await call(`${s.url}/sandbox/api/messages`)).body.messages).toEqual([]);
  });

  test('failure switches exist only in sandbox mode', async () => {
    const live = await startSandboxServer({}, [], { sandbox: false });
    try {
      const res = await call(`${live.url}/sandbox/api/switches/expire-tokens`, { body: {} });
      expect(res).toMatchObject({ status: 403, body: { title: '故障开关仅在沙箱模式下可用' } });
      expect((await call(`${live.url}/sandbox/api/switches`)).status).toBe(403);
    } finally {
      await live.stop();
    }
  });
});
