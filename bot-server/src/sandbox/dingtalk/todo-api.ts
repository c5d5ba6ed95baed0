import type Router from '@koa/router';
import type { SandboxContext } from '../context.js';
import { dingtalkEndpoint, type Json } from './endpoint.js';
import { DingTalkApiError } from './errors.js';
import type { SandboxTodo } from './todos.js';

// 待办 (todo v1.0, platform-additions §5): create, update, delete and the organisation query, each
// naming its user by unionId in the path. Errors as DingTalk answers them: HTTP 400
// `todo.task<Verb>.paramError` with the reason as the message ("task exist" for a repeated
// sourceId, "subject is oversize" …), `todo.taskCreate.flowControlError` past the per-executor limit.

const SUBJECT_MAX = 1024;
const DESCRIPTION_MAX = 4096;
/** DingTalk publishes no cap on executors and participants per task: the sandbox takes 100 each. */
const PEOPLE_MAX = 100;
const PRIORITIES = new Set([10, 20, 30, 40]);
/** Query answers come in pages of this many. */
const PAGE = 50;

type Verb = 'Create' | 'Update' | 'Delete' | 'Query';
const paramError = (verb: Verb, message: string) =>
  new DingTalkApiError(400, `todo.task${verb}.paramError`, message);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function text(verb: Verb, body: Json, field: 'subject' | 'description', max: number): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw paramError(verb, `${field} is invalid`);
  if ([...value].length > max) throw paramError(verb, `${field} is oversize`);
  return value;
}

export function dingtalkTodoRoutes(router: Router, sb: SandboxContext): void {
  const { org, dingtalk } = sb.state;
  const { todos } = dingtalk;
  // Tasks belong to the app that made them; the sandbox corp has one app.
  const bizTag = sb.dingtalk.clientId;
  const known = (unionId: unknown) =>
    typeof unionId === 'string' && org.people.some((p) => p.dingtalk.unionid === unionId);

  /** The path's user (and the operator, when named) must be people of the corp. */
  const caller = (verb: Verb, unionId: string | undefined, operatorId: string | undefined): string => {
    if (!known(unionId)) throw paramError(verb, 'unionId is invalid');
    if (operatorId !== undefined && !known(operatorId)) throw paramError(verb, 'operatorId is invalid');
    return unionId as string;
  };

  const people = (verb: Verb, body: Json, field: 'executorIds' | 'participantIds'): string[] | undefined => {
    const value = body[field];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
      throw paramError(verb, `${field} is invalid`);
    if (value.length > PEOPLE_MAX)
      throw paramError(verb, `${field === 'executorIds' ? 'executors' : 'participants'} is oversize`);
    if (!value.every(known)) throw paramError(verb, `${field} is invalid`);
    return value as string[];
  };

  const dueTime = (verb: Verb, body: Json): number | undefined => {
    const value = body.dueTime;
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0)
      throw paramError(verb, 'dueTime is invalid');
    return value;
  };

  /** The app's own task: another app's is "not belong to bizTag", an unknown one "not exist". */
  const ownTask = (verb: Verb, taskId: string | undefined): SandboxTodo => {
    const todo = taskId === undefined ? undefined : todos.get(taskId);
    if (!todo) throw paramError(verb, 'task not exist');
    if (todo.bizTag !== bizTag) throw paramError(verb, 'task not belong to bizTag');
    return todo;
  };

  router.post(
    '/v1.0/todo/users/:unionId/tasks',
    dingtalkEndpoint(sb, 'api', 'v1.0/todo/users/{unionId}/tasks', 'header', ({ param, query, body }) => {
      const owner = caller('Create', param('unionId'), query('operatorId'));
      const subject = text('Create', body, 'subject', SUBJECT_MAX);
      if (!subject) throw paramError('Create', 'subject is empty');
      const description = text('Create', body, 'description', DESCRIPTION_MAX) ?? '';
      const executorIds = people('Create', body, 'executorIds') ?? [];
      const participantIds = people('Create', body, 'participantIds') ?? [];
      const due = dueTime('Create', body);
      const priority = body.priority ?? 20;
      if (typeof priority !== 'number' || !PRIORITIES.has(priority))
        throw paramError('Create', 'priority is invalid');
      const sourceId = typeof body.sourceId === 'string' && body.sourceId !== '' ? body.sourceId : null;
      if (sourceId !== null && todos.bySource(bizTag, sourceId)) throw paramError('Create', 'task exist');
      // Flow control per executor: every executor of the task counts one create.
      for (const executor of executorIds)
        if (!todos.flowControl.take(executor))
          throw new DingTalkApiError(
            400,
            'todo.taskCreate.flowControlError',
            'flowControl because of executorId',
          );
      const detailUrl = isObject(body.detailUrl) ? body.detailUrl : {};
      const todo = todos.add({
        subject,
        description,
        startTime: null,
        dueTime: due ?? null,
        done: body.done === true,
        executorIds,
        participantIds,
        detailUrl: {
          ...(typeof detailUrl.appUrl === 'string' ? { appUrl: detailUrl.appUrl } : {}),
          ...(typeof detailUrl.pcUrl === 'string' ? { pcUrl: detailUrl.pcUrl } : {}),
        },
        source: typeof body.source === 'string' ? body.source : null,
        sourceId,
        bizTag,
        creatorId: typeof body.creatorId === 'string' && known(body.creatorId) ? body.creatorId : owner,
        modifierId: owner,
        isOnlyShowExecutor: body.isOnlyShowExecutor === true,
        priority,
      });
      return { ...todo, requestId: '' };
    }),
  );

  router.put(
    '/v1.0/todo/users/:unionId/tasks/:taskId',
    dingtalkEndpoint(
      sb,
      'api',
      'v1.0/todo/users/{unionId}/tasks/{taskId}',
      'header',
      ({ param, query, body }) => {
        const operator = caller('Update', param('unionId'), query('operatorId'));
        const todo = ownTask('Update', param('taskId'));
        const subject = text('Update', body, 'subject', SUBJECT_MAX);
        const description = text('Update', body, 'description', DESCRIPTION_MAX);
        const executorIds = people('Update', body, 'executorIds');
        const participantIds = people('Update', body, 'participantIds');
        const due = dueTime('Update', body);
        if (body.done !== undefined && typeof body.done !== 'boolean')
          throw paramError('Update', 'done is invalid');
        todos.update(
          todo,
          {
            ...(subject !== undefined ? { subject } : {}),
            ...(description !== undefined ? { description } : {}),
            ...(executorIds ? { executorIds } : {}),
            ...(participantIds ? { participantIds } : {}),
            ...(due !== undefined ? { dueTime: due } : {}),
            ...(typeof body.done === 'boolean' ? { done: body.done } : {}),
          },
          operator,
        );
        return { result: true };
      },
    ),
  );

  router.delete(
    '/v1.0/todo/users/:unionId/tasks/:taskId',
    dingtalkEndpoint(
      sb,
      'api',
      'DELETE v1.0/todo/users/{unionId}/tasks/{taskId}',
      'header',
      ({ param, query }) => {
        caller('Delete', param('unionId'), query('operatorId'));
        todos.delete(ownTask('Delete', param('taskId')));
        return { result: true };
      },
    ),
  );

  router.post(
    '/v1.0/todo/users/:unionId/org/tasks/query',
    dingtalkEndpoint(sb, 'api', 'v1.0/todo/users/{unionId}/org/tasks/query', 'header', ({ param, body }) => {
      const user = caller('Query', param('unionId'), undefined);
      const roles = Array.isArray(body.roleTypes)
        ? body.roleTypes.map((all) => (Array.isArray(all) ? all.map(String) : [String(all)]))
        : [['executor'], ['creator'], ['participant']];
      if (!roles.every((all) => all.every((r) => r === 'executor' || r === 'creator' || r === 'participant')))
        throw paramError('Query', 'roleTypes is invalid');
      const from = Number(body.nextToken ?? 0);
      if (!Number.isSafeInteger(from) || from < 0) throw paramError('Query', 'nextToken is invalid');
      const matching = todos
        .of(user, roles as ('executor' | 'creator' | 'participant')[][])
        .filter((t) => t.bizTag === bizTag && (typeof body.isDone !== 'boolean' || t.done === body.isDone));
      const page = matching.slice(from, from + PAGE);
      return {
        todoCards: page.map((t) => ({
          taskId: t.id,
          subject: t.subject,
          dueTime: t.dueTime,
          detailUrl: t.detailUrl,
          priority: t.priority,
          createdTime: t.createdTime,
          modifiedTime: t.modifiedTime,
          creatorId: t.creatorId,
          sourceId: t.sourceId,
          bizTag: t.bizTag,
          isDone: t.done,
        })),
        nextToken: from + PAGE < matching.length ? String(from + PAGE) : null,
      };
    }),
  );
}
