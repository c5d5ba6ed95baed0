import { randomAlnum } from '../state/ids.js';
import { RateLimiter } from '../state/rate-limit.js';

// The stand-in DingTalk's 待办 (todo v1.0, platform-additions §5): every task an app created, by
// DingTalk's id, and the app's sourceIds, which DingTalk keeps unique ("task exist").

export interface SandboxTodo {
  id: string;
  subject: string;
  description: string;
  startTime: number | null;
  dueTime: number | null;
  finishTime: number | null;
  done: boolean;
  executorIds: string[];
  participantIds: string[];
  detailUrl: { appUrl?: string; pcUrl?: string };
  source: string | null;
  sourceId: string | null;
  /** The app that created it: another app's task is "not belong to bizTag". */
  bizTag: string;
  createdTime: number;
  modifiedTime: number;
  creatorId: string;
  modifierId: string;
  isOnlyShowExecutor: boolean;
  priority: number;
}

/**
 * Creates per executor. DingTalk publishes no figure for its per-executor flow control
 * (flowControlError "flowControl because of executorId"): the sandbox allows 30 a minute.
 */
export const TODO_CREATES_PER_EXECUTOR = { limit: 30, ms: 60_000 };

export class DingTalkTodos {
  readonly #byId = new Map<string, SandboxTodo>();
  readonly #bySource = new Map<string, string>();
  /** Per executor: see TODO_CREATES_PER_EXECUTOR. */
  readonly flowControl: RateLimiter;

  constructor(private readonly now: () => number) {
    this.flowControl = new RateLimiter(now, [TODO_CREATES_PER_EXECUTOR], false);
  }

  get(id: string): SandboxTodo | undefined {
    return this.#byId.get(id);
  }

  /** The app's task with this sourceId, if it has one. */
  bySource(bizTag: string, sourceId: string): SandboxTodo | undefined {
    const id = this.#bySource.get(`${bizTag}|${sourceId}`);
    return id === undefined ? undefined : this.#byId.get(id);
  }

  add(fields: Omit<SandboxTodo, 'id' | 'createdTime' | 'modifiedTime' | 'finishTime'>): SandboxTodo {
    const now = this.now();
    const todo: SandboxTodo = {
      ...fields,
      id: `task${randomAlnum(32).toLowerCase()}`,
      createdTime: now,
      modifiedTime: now,
      finishTime: fields.done ? now : null,
    };
    this.#byId.set(todo.id, todo);
    if (todo.sourceId !== null) this.#bySource.set(`${todo.bizTag}|${todo.sourceId}`, todo.id);
    return todo;
  }

  update(todo: SandboxTodo, change: Partial<SandboxTodo>, modifierId: string): void {
    const wasDone = todo.done;
    Object.assign(todo, change, { modifierId, modifiedTime: this.now() });
    if (todo.done !== wasDone) todo.finishTime = todo.done ? this.now() : null;
  }

  delete(todo: SandboxTodo): void {
    this.#byId.delete(todo.id);
    if (todo.sourceId !== null) this.#bySource.delete(`${todo.bizTag}|${todo.sourceId}`);
  }

  /** Every task in which `unionId` plays one of the roles, newest first. */
  of(
    unionId: string,
    roles: readonly ('executor' | 'creator' | 'participant')[][] = [['executor']],
  ): SandboxTodo[] {
    const plays = (todo: SandboxTodo, role: string) =>
      role === 'executor'
        ? todo.executorIds.includes(unionId)
        : role === 'creator'
          ? todo.creatorId === unionId
          : todo.participantIds.includes(unionId);
    return [...this.#byId.values()]
      .filter((todo) => roles.some((all) => all.every((role) => plays(todo, role))))
      .sort((a, b) => b.createdTime - a.createdTime);
  }
}
