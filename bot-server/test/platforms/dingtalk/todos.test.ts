// The DingTalk 待办 client against the sandbox's DingTalk (platform-additions §5): the real request
// and answer shapes, the error table ("task exist" is the 待办 made before, paramError refused for
// good, flowControlError tried again later), update to done, delete.
import { sandboxDingTalk } from '@kelian/config';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DingTalkClient } from '../../../src/platforms/dingtalk/client.js';
import { dingTalkTodoBoard } from '../../../src/platforms/dingtalk/todo-board.js';
import { TODO_CREATES_PER_EXECUTOR } from '../../../src/sandbox/dingtalk/todos.js';
import { call, type SandboxServer, startSandboxServer } from '../../sandbox/support/sandbox-server.js';
import { captureLogger } from './support/log-capture.js';
import { MemoryTokenStore } from './support/memory-token-store.js';
import { rejection } from './support/rejection.js';

let s: SandboxServer;
let client: DingTalkClient;
beforeEach(async () => {
  s = await startSandboxServer();
  client = new DingTalkClient({
    apiBase: `${s.url}/sandbox/dingtalk/api`,
    oapiBase: `${s.url}/sandbox/dingtalk/oapi`,
    clientId: sandboxDingTalk.clientId,
    clientSecret: sandboxDingTalk.clientSecret,
    agentId: sandboxDingTalk.agentId,
    robotCode: sandboxDingTalk.clientId,
    tokenStore: new MemoryTokenStore(),
    logger: captureLogger().logger,
    retry: { initialMs: 5, maxMs: 20, maxRetries: 2 },
  });
});
afterEach(() => s.stop());

const unionId = (name: string) => s.sandbox.state.org.people.find((p) => p.name === name)!.dingtalk.unionid;
const userId = (name: string) => s.sandbox.state.org.people.find((p) => p.name === name)!.dingtalk.userid;
const board = () => dingTalkTodoBoard(client, () => 'https://crm.example.com/app');
const request = (sourceId: string, executor: string, extra: Record<string, unknown> = {}) => ({
  sourceId,
  subject: '审批：张伟 的合同 ¥600,000.00',
  description: '合同金额：¥600,000.00',
  executorIds: [executor],
  ...extra,
});

describe('create', () => {
  test('the 待办 lands in the executor’s list with what was asked; the answer carries its id', async () => {
    const lina = unionId('李娜');
    const made = await client.createTodo(lina, request('kelian:approval-task:1', lina, { priority: 20 }));
    expect(made.existed).toBe(false);
    const todo = s.sandbox.state.dingtalk.todos.get(made.id)!;
    expect(todo).toMatchObject({
      subject: '审批：张伟 的合同 ¥600,000.00',
      sourceId: 'kelian:approval-task:1',
      executorIds: [lina],
      creatorId: lina,
      done: false,
      priority: 20,
    });
    expect(s.sandbox.state.dingtalk.todos.of(lina)).toEqual([todo]);
  });

  test('the token goes in the header; without it DingTalk refuses', async () => {
    const lina = unionId('李娜');
    const res = await call(`${s.url}/sandbox/dingtalk/api/v1.0/todo/users/${lina}/tasks?operatorId=${lina}`, {
      body: request('kelian:approval-task:2', lina),
    });
    expect(res).toMatchObject({ status: 400, body: { code: 'AuthenticationFailed.MissingParameter' } });
  });

  test('a repeated sourceId is "task exist" on the wire, and the client answers the 待办 made the first time', async () => {
    const lina = unionId('李娜');
    const first = await client.createTodo(lina, request('kelian:approval-task:3', lina));
    const token = await client.accessToken();
    const raw = await call(`${s.url}/sandbox/dingtalk/api/v1.0/todo/users/${lina}/tasks?operatorId=${lina}`, {
      body: request('kelian:approval-task:3', lina),
      headers: { 'x-acs-dingtalk-access-token': token },
    });
    expect(raw).toMatchObject({
      status: 400,
      body: { code: 'todo.taskCreate.paramError', message: 'task exist' },
    });
    expect(await client.createTodo(lina, request('kelian:approval-task:3', lina))).toEqual({
      id: first.id,
      existed: true,
    });
    expect(s.sandbox.state.dingtalk.todos.of(lina)).toHaveLength(1);
  });

  test('an oversize subject or a bad dueTime is refused for good, with DingTalk’s reason', async () => {
    const lina = unionId('李娜');
    const oversize = await rejection(
      client.createTodo(lina, request('kelian:approval-task:4', lina, { subject: '审'.repeat(1025) })),
    );
    expect(oversize.code).toBe('todo.taskCreate.paramError');
    expect(board().refusal(oversize)).toContain('subject is oversize');
    const due = await rejection(
      client.createTodo(lina, request('kelian:approval-task:5', lina, { dueTime: -1 })),
    );
    expect(board().refusal(due)).toContain('dueTime is invalid');
    expect(s.sandbox.state.dingtalk.todos.of(lina)).toHaveLength(0);
  });

  test('past the per-executor flow control: flowControlError, tried again later, fine a minute on', async () => {
    const luojuan = unionId('罗娟');
    for (let i = 0; i < TODO_CREATES_PER_EXECUTOR.limit; i++) {
      await client.createTodo(luojuan, request(`flow:${i}`, luojuan));
      // Under the app's 20 calls a second, which is another limit.
      s.advance(100);
    }
    const throttled = await rejection(client.createTodo(luojuan, request('flow:over', luojuan)));
    expect(throttled.code).toBe('todo.taskCreate.flowControlError');
    expect(board().refusal(throttled)).toBeUndefined();
    // Another executor is not held back.
    const lina = unionId('李娜');
    await client.createTodo(lina, request('flow:other', lina));
    s.advance(TODO_CREATES_PER_EXECUTOR.ms);
    expect((await client.createTodo(luojuan, request('flow:over', luojuan))).existed).toBe(false);
  });
});

describe('done, delete, find', () => {
  test('done:true moves it to 已完成; the query finds it by sourceId among the done ones', async () => {
    const lina = unionId('李娜');
    const { id } = await client.createTodo(lina, request('kelian:approval-task:6', lina));
    await client.updateTodo(lina, id, { done: true });
    const todo = s.sandbox.state.dingtalk.todos.get(id)!;
    expect(todo.done).toBe(true);
    expect(todo.finishTime).not.toBeNull();
    expect(await client.findTodo(lina, 'kelian:approval-task:6')).toBe(id);
    expect(await client.findTodo(lina, 'kelian:approval-task:none')).toBeUndefined();
  });

  test('a deleted 待办 is gone: updating it is "task not exist", which marking done takes as done', async () => {
    const lina = unionId('李娜');
    const { id } = await client.createTodo(lina, request('kelian:approval-task:7', lina));
    await client.deleteTodo(lina, id);
    expect(s.sandbox.state.dingtalk.todos.get(id)).toBeUndefined();
    const gone = await rejection(client.updateTodo(lina, id, { done: true }));
    expect(gone).toMatchObject({ code: 'todo.taskUpdate.paramError' });
    expect(gone.message).toContain('task not exist');
    await expect(board().markDone(lina, id)).resolves.toBeUndefined();
  });

  test('the board maps a userid to its unionId and links the 待办 to the mini-app inside DingTalk', async () => {
    expect(await board().ownerOf(userId('李娜'))).toBe(unionId('李娜'));
    const lina = unionId('李娜');
    const { id } = await board().create(lina, 'kelian:approval-task:8', {
      subject: '审批：张伟 的合同 ¥600,000.00',
      description: '合同金额：¥600,000.00',
      path: '/pages/approvals/detail?id=8',
    });
    const { detailUrl } = s.sandbox.state.dingtalk.todos.get(id)!;
    expect(detailUrl.appUrl).toBe(
      `dingtalk://dingtalkclient/page/link?url=${encodeURIComponent('https://crm.example.com/app/pages/approvals/detail?id=8')}&pc_slide=true`,
    );
    expect(detailUrl.pcUrl).toBe(detailUrl.appUrl);
  });
});
