// Card actions that must change nothing: a click forged on someone else's card, a key tampered to
// name another run or step, a replay of an old click after the step moved on. Each is answered in
// the sender's chat; the forgeries are in the audit log. And two finance approvers (或签) clicking at
// once, one on WeCom, one on DingTalk: one decision, the other told who made it, every copy the same
// (run it on PostgreSQL, TEST_DATABASE_URL, for truly concurrent transactions).
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Crm, type Session, startCrm } from '../api/customers-support.js';
import { sandboxOf } from '../support/sandbox.js';
import { waitFor } from '../support/wait.js';
import { cardClickXml, postCallback, sealedCallback } from '../support/wecom-callback.js';
import { answerTo, copyOf, everyCopy, lastSeq, type Person, person } from './chat-support.js';
import { customerOf, draftContract, submit } from './support.js';

let crm: Crm;
let zhangwei: Session;
let lina: Person;
let luojuan: Person;
let liangyu: Person;
beforeAll(async () => {
  crm = await startCrm();
  zhangwei = await crm.as('张伟');
  lina = await person(crm, '李娜');
  luojuan = await person(crm, '罗娟');
  liangyu = await person(crm, '梁宇');
});
afterAll(() => crm?.stop());

/** Everything a decision would change on the run: its status, step, tasks and actions. */
async function runState(run: number) {
  const { rows } = await crm.db.query(
    `select i.status, i.current_step,
            (select json_agg(t.status order by t.id) from approval_task t where t.instance_id = i.id) as tasks,
            (select count(*)::int from approval_action a where a.instance_id = i.id) as actions
       from approval_instance i where i.id = $1`,
    [run],
  );
  return rows[0];
}

const forgeries = async () =>
  (await crm.db.query<{ n: number }>(`select count(*)::int as n from audit_log where action = 'forgery'`))
    .rows[0]!.n;

/** A template_card_event as WeCom would send it, sealed and signed: no sandbox person checks it. */
const rawClick = (from: string, taskId: string, key: string) =>
  postCallback(sealedCallback(crm.server.url, cardClickXml(from, taskId, key)));

async function newRun(amountCents = 60_000_000) {
  const contract = await draftContract(zhangwei, await customerOf(crm, '张伟'), amountCents);
  return submit(zhangwei, contract.id);
}

/** A new run that 李娜 approved on her WeCom card: it waits for finance. */
async function approvedByLina() {
  const run = await newRun();
  const card = await copyOf(crm, run, 'wecom', `s0u${lina.id}`);
  await sandboxOf(crm.server).actions.clickWeComCard({
    user: lina.wecom,
    taskId: card,
    key: `approval.approve:${run}:0`,
  });
  return { run, card };
}

test('a click on someone else’s card, or a key naming another run or step, is refused, audited, changes nothing', async () => {
  const run = await newRun();
  const other = await newRun();
  const linaCard = await copyOf(crm, run, 'wecom', `s0u${lina.id}`);
  const before = await runState(run);
  const audited = await forgeries();

  // 梁宇 is no approver of this step: a click in his name on 李娜's card.
  let seq = lastSeq(crm);
  expect((await rawClick(liangyu.wecom, linaCard, `approval.approve:${run}:0`)).status).toBe(200);
  await answerTo(crm, 'wecom', liangyu.wecom, seq, '这个操作无效');
  // 李娜's own card, its key changed to approve another run, or a later step of this one.
  for (const key of [`approval.approve:${other}:0`, `approval.approve:${run}:1`]) {
    seq = lastSeq(crm);
    await rawClick(lina.wecom, linaCard, key);
    await answerTo(crm, 'wecom', lina.wecom, seq, '这个操作无效');
  }
  expect(await runState(run)).toEqual(before);
  expect((await runState(other)).current_step).toBe(0);
  expect(await forgeries()).toBe(audited + 3);
  const { rows } = await crm.db.query<{ actor: number; changes: { why: string; cardId: string } }>(
    `select actor_id as actor, changes from audit_log where action = 'forgery' order by id desc limit 3`,
  );
  expect(rows.map((r) => r.actor).sort()).toEqual([lina.id, lina.id, liangyu.id].sort());
  expect(rows.every((r) => r.changes.cardId === linaCard)).toBe(true);
});

test('a replay of 李娜’s click after her step moved on is answered with who decided, and changes nothing', async () => {
  const { run, card } = await approvedByLina();
  await copyOf(crm, run, 'wecom', `s1u${luojuan.id}`);
  const before = await runState(run);
  const audited = await forgeries();
  const seq = lastSeq(crm);
  // The sandbox's WeCom greys a decided card; a replayed callback does not care.
  await rawClick(lina.wecom, card, `approval.approve:${run}:0`);
  await answerTo(crm, 'wecom', lina.wecom, seq, '这一步已由 李娜 处理');
  expect(await runState(run)).toEqual(before);
  expect(await forgeries()).toBe(audited);
});

test('罗娟 on WeCom and 梁宇 on DingTalk click 同意 at once: one decision, the other told who decided', async () => {
  const { run } = await approvedByLina();
  const [luojuanCard, liangyuCard] = await Promise.all([
    copyOf(crm, run, 'wecom', `s1u${luojuan.id}`),
    copyOf(crm, run, 'dingtalk', `s1u${liangyu.id}`),
  ]);
  const seq = lastSeq(crm);
  const { actions } = sandboxOf(crm.server);
  await Promise.all([
    actions.clickWeComCard({ user: luojuan.wecom, taskId: luojuanCard, key: `approval.approve:${run}:1` }),
    actions.clickDingTalkCard({
      user: liangyu.dingtalk,
      outTrackId: liangyuCard,
      action: `approval.approve:${run}:1`,
    }),
  ]);
  const approvals = async () =>
    (
      await crm.db.query<{ name: string }>(
        `select u.name from approval_action a join app_user u on u.id = a.actor_id
          where a.instance_id = $1 and a.step = 1 and a.action = 'approve'`,
        [run],
      )
    ).rows.map((r) => r.name);
  const [winner] = await waitFor(async () => ((await approvals()).length > 0 ? approvals() : undefined));
  const loser =
    winner === '罗娟'
      ? { platform: 'dingtalk' as const, id: liangyu.dingtalk }
      : { platform: 'wecom' as const, id: luojuan.wecom };
  // Once the other click is answered, both were handled: one decision.
  await answerTo(crm, loser.platform, loser.id, seq, `这一步已由 ${winner} 处理`);
  expect(await approvals()).toEqual([winner]);
  // Every copy names the one decision.
  await everyCopy(crm, run, 5, (c) => c.includes(`${winner} 已同意 · 2/3 · 等待 王建国`));
  expect((await runState(run)).current_step).toBe(2);
});
