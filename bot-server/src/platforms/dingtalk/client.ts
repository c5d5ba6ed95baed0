// The DingTalk OpenAPI client: one object over the areas the CRM uses, each in its own file on the
// one transport (transport.ts: hosts, the shared token, retries, the error type).
import type { Logger } from 'pino';
import { DingTalkAddressBook, type DingTalkDepartment, type DingTalkUser } from './address-book.js';
import type { Json } from './api-outcome.js';
import type { Backoff } from './backoff.js';
import { type DingTalkAuthUser, DingTalkIdentity, type JsapiConfig } from './identity.js';
import {
  type CardDelivery,
  type CreateAndDeliverCardRequest,
  DingTalkInteractiveCards,
} from './interactive-cards.js';
import { DingTalkRobotMessages, type RobotBatchResult, type RobotMessage } from './robot-messages.js';
import { type CreatedTodo, type CreateTodoRequest, DingTalkTodos, type TodoUpdate } from './todos.js';
import type { TokenStore } from './token-store.js';
import { DingTalkTransport } from './transport.js';
import { DingTalkWorkNotifications, type WorkNotice, type WorkNoticeTargets } from './work-notifications.js';

export interface DingTalkClientOptions {
  /** https://api.dingtalk.com or a stand-in. */
  apiBase: string;
  /** https://oapi.dingtalk.com or a stand-in. */
  oapiBase: string;
  clientId: string;
  clientSecret: string;
  agentId: string;
  /** The app robot's code; equal to the clientId for internal apps. */
  robotCode: string;
  tokenStore: TokenStore;
  logger: Logger;
  /** Backoff for QPS-limit and busy answers; default 500 ms doubling up to 8 s. */
  retry?: Backoff & { maxRetries: number };
  timeoutMs?: number;
}

export class DingTalkClient {
  readonly robotCode: string;
  readonly #transport: DingTalkTransport;
  readonly #robot: DingTalkRobotMessages;
  readonly #cards: DingTalkInteractiveCards;
  readonly #notices: DingTalkWorkNotifications;
  readonly #identity: DingTalkIdentity;
  readonly #addressBook: DingTalkAddressBook;
  readonly #todos: DingTalkTodos;

  constructor(options: DingTalkClientOptions) {
    this.robotCode = options.robotCode;
    this.#transport = new DingTalkTransport(options);
    this.#robot = new DingTalkRobotMessages(this.#transport, options.robotCode);
    this.#cards = new DingTalkInteractiveCards(this.#transport);
    this.#notices = new DingTalkWorkNotifications(this.#transport, options.agentId);
    this.#identity = new DingTalkIdentity(this.#transport, options);
    this.#addressBook = new DingTalkAddressBook(this.#transport);
    this.#todos = new DingTalkTodos(this.#transport);
  }

  /** A token valid for at least five more minutes, fetched only when the shared cache has none. */
  accessToken(): Promise<string> {
    return this.#transport.accessToken();
  }

  /** A token fetched now, past the cache: resolves when DingTalk issues one, throws its refusal otherwise. */
  checkAccessToken(): Promise<void> {
    return this.#transport.checkToken();
  }

  // Robot messages (robot-messages.ts)

  sendRobotToUsers(userIds: readonly string[], message: RobotMessage): Promise<RobotBatchResult> {
    return this.#robot.sendToUsers(userIds, message);
  }

  sendRobotToGroup(openConversationId: string, message: RobotMessage): Promise<{ processQueryKey: string }> {
    return this.#robot.sendToGroup(openConversationId, message);
  }

  replyBySessionWebhook(sessionWebhook: string, body: Json): Promise<void> {
    return this.#robot.replyBySessionWebhook(sessionWebhook, body);
  }

  // Interactive cards (interactive-cards.ts)

  createAndDeliverCard(request: CreateAndDeliverCardRequest): Promise<CardDelivery[]> {
    return this.#cards.createAndDeliver(request);
  }

  updateCard(request: { outTrackId: string; cardParamMap: Record<string, string> }): Promise<void> {
    return this.#cards.update(request);
  }

  registerCardCallback(request: { routeKey: string; url: string; apiSecret: string }): Promise<void> {
    return this.#cards.registerCallback(request);
  }

  // Work notifications (work-notifications.ts)

  sendWorkNotification(to: WorkNoticeTargets, msg: WorkNotice): Promise<string[]> {
    return this.#notices.send(to, msg);
  }

  // Identity (identity.ts)

  userByAuthCode(code: string): Promise<DingTalkAuthUser> {
    return this.#identity.userByAuthCode(code);
  }

  jsapiTicket(): Promise<string> {
    return this.#identity.jsapiTicket();
  }

  jsapiConfig(url: string): Promise<JsapiConfig> {
    return this.#identity.jsapiConfig(url);
  }

  // Address book (address-book.ts)

  listSubDepartments(deptId: string): Promise<DingTalkDepartment[]> {
    return this.#addressBook.listSubDepartments(deptId);
  }

  getDepartment(deptId: string): Promise<DingTalkDepartment> {
    return this.#addressBook.getDepartment(deptId);
  }

  getUser(userId: string): Promise<DingTalkUser> {
    return this.#addressBook.getUser(userId);
  }

  listAllDepartments(rootId = '1'): Promise<DingTalkDepartment[]> {
    return this.#addressBook.listAllDepartments(rootId);
  }

  listDepartmentUsers(deptId: string): Promise<DingTalkUser[]> {
    return this.#addressBook.listDepartmentUsers(deptId);
  }

  // 待办 (todos.ts); users by unionId

  createTodo(unionId: string, request: CreateTodoRequest): Promise<CreatedTodo> {
    return this.#todos.create(unionId, request);
  }

  updateTodo(unionId: string, todoId: string, change: TodoUpdate): Promise<void> {
    return this.#todos.update(unionId, todoId, change);
  }

  deleteTodo(unionId: string, todoId: string): Promise<void> {
    return this.#todos.delete(unionId, todoId);
  }

  findTodo(unionId: string, sourceId: string): Promise<string | undefined> {
    return this.#todos.findBySourceId(unionId, sourceId);
  }
}
