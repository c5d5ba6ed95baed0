import { beforeAll, describe, expect, test } from 'vitest';
import type { ChatMessage } from '../../src/sandbox/index.js';
import { apiClient } from '../api/support.js';
import { useTestServer } from '../support/fixture.js';
import {
  cardsOf as cardCopies,
  shownEverywhere as everyCopy,
  sandboxOf,
  textOf,
  waitForOutgoing,
} from '../support/sandbox.js';
import { waitFor } from '../support/wait.js';
import { cardClickXml, postCallback, sealedCallback } from '../support/wecom-callback.js';
import { disableDemoRules, runFollowUpJob, shanghaiMorning } from './support.js';

// 跟进 → a task → its card when due → 推迟1天 → the card again → 完成, all through the sandbox as
// 张伟 would live it, the engine's clock moved on by running its jobs "three days later".

const t = useTestServer();
let huawei: number;
const sent = new Set<number>();

/** The next message Kelian sends 张伟 on WeCom that the test has not looked at yet. */
async function nextTo(user: string, match: (m: ChatMessage) => boolean = () => true) {
  const message = await waitForOutgoing(
    t.server,
    'wecom',
    (m) => !sent.has(m.seq) && m.viewers.includes(user) && match(m),
  );
  sent.add(message.seq);
  return message;
}

async function say(text: string, from = 'ZhangWei') {
  await sandboxOf(t.server).actions.sendWeComText({ from, text });
  return textOf(await nextTo(from, (m) => m.type === 'text'));
}

const cardsOf = (taskId: number) => cardCopies(t.db, 'task', taskId);
const shownEverywhere = (taskId: number) => everyCopy(t.server, t.db, 'task', taskId);

beforeAll(async () => {
  await disableDemoRules(t.db);
  const api = apiClient(t.server);
  const { rows } = await t.db.query(`select id from app_user where name = '张伟'`);
  const { token } = (await api('/api/auth/sandbox', { body: { userId: rows[0].id } })).body;
  const created = await api('/api/customers', { token, body: { kind: 'company', name: '华为技术有限公司' } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  huawei = created.body.customer?.id ?? created.body.id;
  for (const m of sandboxOf(t.server).state.messages.list({ platform: 'wecom' })) sent.add(m.seq);
});

describe('跟进 and the task it schedules', () => {
  let taskId: number;
  let dueAt: Date;

  test('跟进 华为 电话沟通 下次 3天后 records a call and schedules a task at 09:00 three days on', async () => {
    const answer = await say('跟进 华为 电话沟通 下次 3天后');
    dueAt = shanghaiMorning(3);
    const label = `${String(dueAt.getUTCMonth() + 1).padStart(2, '0')}-${String(dueAt.getUTCDate()).padStart(2, '0')} 09:00`;
    expect(answer).toBe(`已记录对「华为技术有限公司」的电话跟进，${label} 会提醒你回访。`);
    const followUps = await t.db.query(
      'select kind, content, next_at from follow_up where customer_id = $1',
      [huawei],
    );
    expect(followUps.rows).toEqual([{ kind: 'call', content: '电话沟通', next_at: dueAt }]);
    const tasks = await t.db.query(
      `select t.id, t.title, t.due_at, t.status, u.name from task t join app_user u on u.id = t.assignee_id
        where t.customer_id = $1`,
      [huawei],
    );
    expect(tasks.rows).toEqual([
      { id: expect.any(Number), title: '回访 华为技术有限公司', due_at: dueAt, status: 'open', name: '张伟' },
    ]);
    taskId = tasks.rows[0].id;
  });

  test('no card before it is due; at the due time 张伟 gets the card with 完成 / 推迟1天 / 打开客户, once', async () => {
    await runFollowUpJob(t.server, t.db, 'remind', new Date(dueAt.getTime() - 60_000));
    expect(await cardsOf(taskId)).toEqual([]);
    await runFollowUpJob(t.server, t.db, 'remind', dueAt);
    await runFollowUpJob(t.server, t.db, 'remind', dueAt);
    const card = await nextTo('ZhangWei', (m) => m.type !== 'text');
    const shown = JSON.stringify(card.content);
    for (const part of ['回访 华为技术有限公司', '完成', '推迟1天', '打开客户', `task.complete:${taskId}`])
      expect(shown).toContain(part);
    const cards = await waitFor(async () => {
      const rows = await cardsOf(taskId);
      return rows.length === 2 ? rows : undefined;
    });
    expect(cards.map((c) => c.platform).sort()).toEqual(['dingtalk', 'wecom']);
  });

  test("someone else clicking 完成 on 张伟's card is refused and changes nothing", async () => {
    const [wecom] = (await cardsOf(taskId)).filter((c) => c.platform === 'wecom');
    const res = await postCallback(
      sealedCallback(t.server.url, cardClickXml('LiNa', wecom!.card_id, `task.complete:${taskId}`)),
    );
    expect(res.status).toBe(200);
    expect(textOf(await nextTo('LiNa'))).toBe('这个待办不存在，或不是你的待办。');
    const { rows } = await t.db.query('select status, due_at from task where id = $1', [taskId]);
    expect(rows).toEqual([{ status: 'open', due_at: dueAt }]);
  });

  test('推迟1天 moves it a day on, every copy says so, and the card comes again at the new time', async () => {
    const [wecom] = (await cardsOf(taskId)).filter((c) => c.platform === 'wecom');
    await sandboxOf(t.server).actions.clickWeComCard({
      user: 'ZhangWei',
      taskId: wecom!.card_id,
      key: `task.postpone:${taskId}:1d`,
    });
    const moved = new Date(dueAt.getTime() + 86_400_000);
    expect(textOf(await nextTo('ZhangWei', (m) => m.type === 'text'))).toMatch(
      /^已推迟「回访 华为技术有限公司」到 \d\d-\d\d 09:00，到时再提醒你。$/,
    );
    const { rows } = await t.db.query('select due_at, postponements, reminded_at from task where id = $1', [
      taskId,
    ]);
    expect(rows).toEqual([{ due_at: moved, postponements: 1, reminded_at: null }]);
    await waitFor(async () =>
      (await shownEverywhere(taskId)).every((s) => s.includes('已推迟到')) ? true : undefined,
    );

    await runFollowUpJob(t.server, t.db, 'remind', new Date(moved.getTime() - 60_000));
    expect(await cardsOf(taskId)).toHaveLength(2);
    await runFollowUpJob(t.server, t.db, 'remind', moved);
    await waitFor(async () => ((await cardsOf(taskId)).length === 4 ? true : undefined));
  });

  test('完成 on the card completes it, and every copy of every card shows 张伟 已完成', async () => {
    const dingtalk = (await cardsOf(taskId)).filter((c) => c.platform === 'dingtalk').at(-1)!;
    await sandboxOf(t.server).actions.clickDingTalkCard({
      user: '0100102',
      outTrackId: dingtalk.card_id,
      action: `task.complete:${taskId}`,
    });
    await waitFor(async () => {
      const { rows } = await t.db.query('select status from task where id = $1', [taskId]);
      return rows[0].status === 'done' ? true : undefined;
    });
    await waitFor(async () => {
      const shown = await shownEverywhere(taskId);
      return shown.length >= 4 && shown.every((s) => s.includes('张伟 已完成')) ? true : undefined;
    });
  });
});

describe('待办', () => {
  test('lists what is due today and overdue, not what is done or later', async () => {
    expect(await say('待办')).toBe('今天没有待办，做得好！');
    await say('跟进 华为技术有限公司 微信发了资料 下次 下周一');
    await t.db.query(
      `insert into task (title, assignee_id, customer_id, due_at, status, postponements, created_at, updated_at)
       select '寄合同', id, $1, now() - interval '2 hours', 'open', 0, now(), now() from app_user where name = '张伟'`,
      [huawei],
    );
    const answer = await say('待办');
    expect(answer).toMatch(
      /^今天的待办（1 项，含已逾期）：\n1\. 寄合同 · 华为技术有限公司 · \d\d-\d\d \d\d:\d\d（已逾期）$/,
    );
    const { rows } = await t.db.query(`select kind from follow_up where customer_id = $1 order by id`, [
      huawei,
    ]);
    expect(rows.map((r) => r.kind)).toEqual(['call', 'wechat']);
  });
});

describe('commands written wrong, and names that match several customers', () => {
  test('two customers match: the choices, and nothing is recorded', async () => {
    const before = (await t.db.query('select count(*)::int as n from follow_up')).rows[0].n;
    const api = apiClient(t.server);
    const { rows } = await t.db.query(`select id from app_user where name = '张伟'`);
    const { token } = (await api('/api/auth/sandbox', { body: { userId: rows[0].id } })).body;
    expect(
      (await api('/api/customers', { token, body: { kind: 'company', name: '华为云计算有限公司' } })).status,
    ).toBe(201);
    const answer = await say('跟进 华为 拜访 下次 明天');
    expect(answer).toContain('找到 2 位匹配的客户，请写出完整名称再发一次：');
    expect(answer).toContain('华为技术有限公司');
    expect(answer).toContain('华为云计算有限公司');
    expect(answer).toMatch(/例如：跟进 华为\S+有限公司 拜访 下次 明天$/);
    expect((await t.db.query('select count(*)::int as n from follow_up')).rows[0].n).toBe(before);
  });

  test('a missing part, an unreadable time or a customer out of reach: the usage, nothing recorded', async () => {
    const before = (await t.db.query('select count(*)::int as n from follow_up')).rows[0].n;
    expect(await say('跟进 华为技术有限公司')).toBe(
      '缺少客户或跟进内容。请这样写：跟进 <客户> <内容> [下次 <时间>]，例如：跟进 华为 电话沟通报价 下次 3天后',
    );
    expect(await say('跟进 华为技术有限公司 电话 下次 改天')).toContain('看不懂时间「改天」');
    expect(await say('跟进 华为技术有限公司 电话 下次')).toContain('「下次」后面要写时间');
    expect(await say('跟进 华为技术有限公司 电话聊了', 'SunHao')).toBe(
      '没有找到你可以查看的客户「华为技术有限公司」。可以用名称、拼音、首字母或电话后四位查找，例如：客户 huawei',
    );
    expect((await t.db.query('select count(*)::int as n from follow_up')).rows[0].n).toBe(before);
  });
});
