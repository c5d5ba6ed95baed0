// DingTalk 待办 (todo v1.0, platform-additions §5): create, update (done), delete, and the query
// that finds a 待办 by its sourceId. Every path names a user by unionId, never by userid.
import { z } from 'zod';
import { DingTalkApiError } from './errors.js';
import type { DingTalkTransport } from './transport.js';

/** Body of POST /v1.0/todo/users/{unionId}/tasks (fields as in @alicloud/dingtalk todo_1_0 CreateTodoTaskRequest). */
export interface CreateTodoRequest {
  /** The caller's id for it: DingTalk refuses a second create with it ("task exist"). */
  sourceId: string;
  /** ≤1024 characters. */
  subject: string;
  /** ≤4096 characters. */
  description?: string;
  /** Milliseconds since the epoch. */
  dueTime?: number;
  executorIds: string[];
  participantIds?: string[];
  detailUrl?: { appUrl: string; pcUrl: string };
  isOnlyShowExecutor?: boolean;
  /** 10 low, 20 normal, 30 high, 40 urgent. */
  priority?: 10 | 20 | 30 | 40;
}

export type TodoUpdate = Partial<
  Pick<CreateTodoRequest, 'subject' | 'description' | 'dueTime' | 'executorIds' | 'participantIds'>
> & {
  done?: boolean;
};

/** What a create came to: DingTalk's id of the 待办, and whether an earlier create had made it. */
export interface CreatedTodo {
  id: string;
  existed: boolean;
}

export const TODO_SUBJECT_MAX = 1024;
export const TODO_DESCRIPTION_MAX = 4096;

const createdSchema = z.looseObject({ id: z.string().min(1) });
const querySchema = z.looseObject({
  todoCards: z.array(z.looseObject({ taskId: z.string(), sourceId: z.string().optional() })).default([]),
  nextToken: z.union([z.string(), z.number()]).nullish(),
});

/** DingTalk's answer to a create whose sourceId it has already. */
const isTaskExist = (error: unknown) =>
  error instanceof DingTalkApiError &&
  error.code === 'todo.taskCreate.paramError' &&
  /task exist/i.test(error.message);

export class DingTalkTodos {
  constructor(private readonly transport: DingTalkTransport) {}

  /**
   * Creates a 待办 owned by `unionId` (its creator and operator too). A sourceId DingTalk has
   * already ("task exist": an earlier attempt got through, its answer did not) is the 待办 made
   * then, looked up by its sourceId. lockError and systemError are retried by the transport;
   * flowControlError and paramError are thrown for the caller to judge.
   */
  async create(unionId: string, request: CreateTodoRequest): Promise<CreatedTodo> {
    const api = 'todo/tasks.create';
    try {
      const data = await this.transport.call(api, {
        host: 'api',
        method: 'POST',
        path: `/v1.0/todo/users/${encodeURIComponent(unionId)}/tasks`,
        params: { operatorId: unionId },
        data: { ...request, creatorId: unionId },
        auth: 'header',
      });
      return { id: this.transport.parse(api, createdSchema, data).id, existed: false };
    } catch (error) {
      if (!isTaskExist(error)) throw error;
      const id = await this.findBySourceId(unionId, request.sourceId);
      // DingTalk says it has one, yet lists none: say so rather than create a second.
      if (!id) throw new DingTalkApiError(api, 'BAD_RESPONSE', 'task exist, but no task has this sourceId');
      return { id, existed: true };
    }
  }

  /** Changes a 待办; `done: true` moves it to the person's 已完成. */
  async update(unionId: string, todoId: string, change: TodoUpdate): Promise<void> {
    await this.transport.call('todo/tasks.update', {
      host: 'api',
      method: 'PUT',
      path: `/v1.0/todo/users/${encodeURIComponent(unionId)}/tasks/${encodeURIComponent(todoId)}`,
      params: { operatorId: unionId },
      data: change,
      auth: 'header',
    });
  }

  async delete(unionId: string, todoId: string): Promise<void> {
    await this.transport.call('todo/tasks.delete', {
      host: 'api',
      method: 'DELETE',
      path: `/v1.0/todo/users/${encodeURIComponent(unionId)}/tasks/${encodeURIComponent(todoId)}`,
      params: { operatorId: unionId },
      auth: 'header',
    });
  }

  /** DingTalk's id of the 待办 with this sourceId among `unionId`'s, open ones first; undefined when none. */
  async findBySourceId(unionId: string, sourceId: string): Promise<string | undefined> {
    const api = 'todo/org/tasks/query';
    for (const isDone of [false, true]) {
      let nextToken: string | undefined;
      do {
        const data = await this.transport.call(api, {
          host: 'api',
          method: 'POST',
          path: `/v1.0/todo/users/${encodeURIComponent(unionId)}/org/tasks/query`,
          data: { isDone, roleTypes: [['executor'], ['creator']], ...(nextToken ? { nextToken } : {}) },
          auth: 'header',
        });
        const page = this.transport.parse(api, querySchema, data);
        const found = page.todoCards.find((t) => t.sourceId === sourceId);
        if (found) return found.taskId;
        nextToken = page.nextToken ? String(page.nextToken) : undefined;
      } while (nextToken);
    }
    return undefined;
  }
}
