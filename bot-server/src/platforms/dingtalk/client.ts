// The DingTalk OpenAPI client: both hosts (api.dingtalk.com with the token in a header,
// oapi.dingtalk.com with it in the query), one token cache shared through the TokenStore, one
// retry policy (refresh once on an invalid token, back off on QPS limits), one error type.
import axios, { type AxiosInstance, isAxiosError } from 'axios';
import type { Logger } from 'pino';
import { z } from 'zod';
import { classifyResponse, type Json } from './api-outcome.js';
import { type Backoff, backoffDelay, sleep } from './backoff.js';
import { randomAlnum } from './crypto.js';
import { DingTalkApiError } from './errors.js';
import { jsapiSignature } from './jsapi.js';
import type { CachedToken, TokenStore } from './token-store.js';

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

/** A robot message: `msgKey` from DingTalk's table (sampleText, sampleMarkdown, …) and its params. */
export interface RobotMessage {
  msgKey: string;
  msgParam: Record<string, string>;
}

export interface RobotBatchResult {
  processQueryKeys: string[];
  invalidStaffIdList: string[];
  flowControlledStaffIdList: string[];
}

export type WorkNotice =
  | { msgtype: 'text'; text: { content: string } }
  | { msgtype: 'markdown'; markdown: { title: string; text: string } }
  | { msgtype: 'link'; link: { messageUrl: string; picUrl: string; title: string; text: string } }
  | { msgtype: 'action_card'; action_card: Json }
  | { msgtype: 'oa'; oa: Json };

export interface CardParams {
  cardParamMap: Record<string, string>;
}

/** Body of POST /v1.0/card/instances/createAndDeliver (fields as in @alicloud/dingtalk card_1_0). */
export interface CreateAndDeliverCardRequest {
  cardTemplateId: string;
  outTrackId: string;
  callbackType: 'STREAM' | 'HTTP';
  callbackRouteKey?: string;
  cardData: CardParams;
  privateData?: Record<string, CardParams>;
  openSpaceId: string;
  imGroupOpenSpaceModel?: Json;
  imGroupOpenDeliverModel?: Json;
  imRobotOpenSpaceModel?: Json;
  imRobotOpenDeliverModel?: Json;
  userIdType?: 1 | 2;
}

export interface CardDelivery {
  spaceType: string;
  spaceId: string;
  success: boolean;
  carrierId?: string;
  errorMsg?: string;
}

export interface DingTalkAuthUser {
  userId: string;
  unionId?: string;
  name?: string;
  /** sys_level: 1 super admin, 2 sub admin, 100 boss, 0 other. */
  sysLevel?: number;
}

export interface DingTalkDepartment {
  id: string;
  name: string;
  parentId?: string;
}

export interface DingTalkUser {
  userId: string;
  unionId?: string;
  name: string;
  mobile?: string;
  email?: string;
  title?: string;
  departmentIds: string[];
  active?: boolean;
}

export interface JsapiConfig {
  agentId: string;
  timeStamp: string;
  nonceStr: string;
  signature: string;
}

interface Call {
  host: 'api' | 'oapi' | 'absolute';
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  data?: unknown;
  params?: Record<string, string>;
  /** Where the access token goes: the new API's header, the old API's query, or nowhere. */
  auth: 'header' | 'query' | 'none';
}

// Documented per-call limits, enforced by splitting rather than by a failed call.
const ROBOT_BATCH_USERS = 20;
const GROUP_MSG_PARAM_BYTES = 15_000;
// The older asyncsend_v2 doc allows 100 users and 20 departments per call; the newer one more.
const NOTICE_USERS = 100;
const NOTICE_DEPTS = 20;
const USER_PAGE = 100;
/** Refresh five minutes early, as DingTalk's own SDKs do. */
const TOKEN_MARGIN_MS = 5 * 60 * 1000;

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

const tokenSchema = z.looseObject({ accessToken: z.string().min(1), expireIn: z.number() });
const ticketSchema = z.looseObject({ ticket: z.string().min(1), expires_in: z.number() });
const batchSendSchema = z.looseObject({
  processQueryKey: z.string().optional(),
  invalidStaffIdList: z.array(z.string()).optional(),
  flowControlledStaffIdList: z.array(z.string()).optional(),
});
const groupSendSchema = z.looseObject({ processQueryKey: z.string() });
const deliverSchema = z.looseObject({
  result: z.looseObject({
    deliverResults: z
      .array(
        z.looseObject({
          spaceType: z.string(),
          spaceId: z.string(),
          success: z.boolean(),
          carrierId: z.string().optional(),
          errorMsg: z.string().optional(),
        }),
      )
      .default([]),
  }),
});
const noticeSchema = z.looseObject({ task_id: z.union([z.number(), z.string()]) });
const userInfoSchema = z.looseObject({
  result: z.looseObject({
    userid: z.string().min(1),
    unionid: z.string().optional(),
    name: z.string().optional(),
    sys_level: z.number().optional(),
  }),
});
const id = z.union([z.number(), z.string()]).transform(String);
const listSubSchema = z.looseObject({
  result: z.array(z.looseObject({ dept_id: id, name: z.string(), parent_id: id.optional() })),
});
const departmentGetSchema = z.looseObject({
  result: z.looseObject({ dept_id: id, name: z.string(), parent_id: id.optional() }),
});
const userSchema = z.looseObject({
  userid: z.string(),
  unionid: z.string().optional(),
  name: z.string(),
  mobile: z.string().optional(),
  email: z.string().optional(),
  title: z.string().optional(),
  dept_id_list: z.array(id).default([]),
  active: z.boolean().optional(),
});
const userGetSchema = z.looseObject({ result: userSchema });
const userListSchema = z.looseObject({
  result: z.looseObject({
    has_more: z.boolean(),
    next_cursor: z.number().optional(),
    list: z.array(userSchema),
  }),
});

function toUser(u: z.infer<typeof userSchema>): DingTalkUser {
  return {
    userId: u.userid,
    name: u.name,
    departmentIds: u.dept_id_list,
    ...(u.unionid ? { unionId: u.unionid } : {}),
    ...(u.mobile ? { mobile: u.mobile } : {}),
    ...(u.email ? { email: u.email } : {}),
    ...(u.title ? { title: u.title } : {}),
    ...(u.active === undefined ? {} : { active: u.active }),
  };
}

export class DingTalkClient {
  readonly robotCode: string;
  readonly #o: DingTalkClientOptions;
  readonly #http: AxiosInstance;
  readonly #retry: Backoff & { maxRetries: number };
  readonly #tokenKey: string;
  readonly #ticketKey: string;
  /** This instance's copy of the shared token, so most calls need no store round trip. */
  #token: CachedToken | undefined;

  constructor(options: DingTalkClientOptions) {
    this.#o = options;
    this.robotCode = options.robotCode;
    this.#retry = options.retry ?? { initialMs: 500, maxMs: 8_000, maxRetries: 4 };
    this.#tokenKey = `dingtalk:${options.clientId}:access_token`;
    this.#ticketKey = `dingtalk:${options.clientId}:jsapi_ticket`;
    this.#http = axios.create({
      timeout: options.timeoutMs ?? 10_000,
      // Every status is classified by classifyResponse; the raw text lets it spot the HTML ban page.
      validateStatus: () => true,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
    });
  }

  // -------------------------------------------------------------------------------------------
  // Access token

  /** A token valid for at least five more minutes, fetched only when the shared cache has none. */
  async accessToken(): Promise<string> {
    const now = Date.now();
    if (this.#token && this.#token.expiresAt.getTime() - now >= TOKEN_MARGIN_MS) return this.#token.value;
    this.#token =
      (await this.#o.tokenStore.read(this.#tokenKey, TOKEN_MARGIN_MS)) ??
      (await this.#o.tokenStore.refresh(this.#tokenKey, undefined, () => this.#fetchToken()));
    return this.#token.value;
  }

  async #refreshRejected(rejected: string): Promise<string> {
    this.#token = await this.#o.tokenStore.refresh(this.#tokenKey, rejected, () => this.#fetchToken());
    return this.#token.value;
  }

  async #fetchToken(): Promise<CachedToken> {
    const data = await this.#call('oauth2/accessToken', {
      host: 'api',
      method: 'POST',
      path: '/v1.0/oauth2/accessToken',
      data: { appKey: this.#o.clientId, appSecret: this.#o.clientSecret },
      auth: 'none',
    });
    const token = this.#parse('oauth2/accessToken', tokenSchema, data);
    // A zero or negative lifetime cached as-is would make every call refresh again.
    if (token.expireIn <= 0) {
      throw new DingTalkApiError('oauth2/accessToken', 'BAD_RESPONSE', 'non-positive expireIn');
    }
    this.#o.logger.info(
      { api: 'oauth2/accessToken', expireIn: token.expireIn },
      'dingtalk access token fetched',
    );
    return { value: token.accessToken, expiresAt: new Date(Date.now() + token.expireIn * 1000) };
  }

  // -------------------------------------------------------------------------------------------
  // Transport

  async #call(api: string, call: Call): Promise<Json> {
    let token = call.auth === 'none' ? undefined : await this.accessToken();
    let refreshed = false;
    for (let retries = 0; ; ) {
      const outcome = await this.#send(api, call, token);
      switch (outcome.kind) {
        case 'ok':
          return outcome.data;
        case 'token_invalid':
          if (token === undefined || refreshed) {
            throw new DingTalkApiError(api, outcome.code, outcome.message);
          }
          this.#o.logger.warn(
            { api, code: outcome.code },
            'dingtalk rejected the access token; refreshing once',
          );
          refreshed = true;
          token = await this.#refreshRejected(token);
          continue;
        case 'retry': {
          if (retries >= this.#retry.maxRetries) {
            throw new DingTalkApiError(api, outcome.code, outcome.message);
          }
          const delayMs = backoffDelay(this.#retry, retries++);
          this.#o.logger.warn(
            { api, code: outcome.code, retry: retries, delayMs },
            'dingtalk throttled the call',
          );
          await sleep(delayMs);
          continue;
        }
        case 'error':
          throw new DingTalkApiError(api, outcome.code, outcome.message, outcome.status, outcome.requestId);
      }
    }
  }

  async #send(api: string, call: Call, token: string | undefined) {
    const base = call.host === 'api' ? this.#o.apiBase : call.host === 'oapi' ? this.#o.oapiBase : '';
    const params = { ...call.params, ...(call.auth === 'query' && token ? { access_token: token } : {}) };
    try {
      const res = await this.#http.request<string>({
        url: `${base.replace(/\/+$/, '')}${call.path}`,
        method: call.method,
        data: call.data,
        params,
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json',
          ...(call.auth === 'header' && token ? { 'x-acs-dingtalk-access-token': token } : {}),
        },
      });
      return classifyResponse(res.status, typeof res.data === 'string' ? res.data : '');
    } catch (error) {
      // Not retried: a send may have reached DingTalk; the delivery job owns that decision.
      // Only the error code is kept: axios messages and configs can carry the token-bearing URL.
      const code = isAxiosError(error) ? (error.code ?? 'unknown') : 'unknown';
      throw new DingTalkApiError(api, 'NETWORK_ERROR', code);
    }
  }

  #parse<T>(api: string, schema: z.ZodType<T>, data: Json): T {
    const result = schema.safeParse(data);
    if (!result.success) {
      const fields = result.error.issues.map((i) => i.path.join('.')).join(', ');
      throw new DingTalkApiError(api, 'BAD_RESPONSE', `unexpected answer (${fields})`);
    }
    return result.data;
  }

  // -------------------------------------------------------------------------------------------
  // Robot messages

  /** 1:1 robot messages, split into the API's batches of 20 users. */
  async sendRobotToUsers(userIds: readonly string[], message: RobotMessage): Promise<RobotBatchResult> {
    const api = 'robot/oToMessages/batchSend';
    const total: RobotBatchResult = {
      processQueryKeys: [],
      invalidStaffIdList: [],
      flowControlledStaffIdList: [],
    };
    for (const batch of chunks(userIds, ROBOT_BATCH_USERS)) {
      const data = await this.#call(api, {
        host: 'api',
        method: 'POST',
        path: '/v1.0/robot/oToMessages/batchSend',
        data: {
          robotCode: this.robotCode,
          userIds: batch,
          msgKey: message.msgKey,
          msgParam: JSON.stringify(message.msgParam),
        },
        auth: 'header',
      });
      const r = this.#parse(api, batchSendSchema, data);
      if (r.processQueryKey) total.processQueryKeys.push(r.processQueryKey);
      total.invalidStaffIdList.push(...(r.invalidStaffIdList ?? []));
      total.flowControlledStaffIdList.push(...(r.flowControlledStaffIdList ?? []));
    }
    return total;
  }

  async sendRobotToGroup(
    openConversationId: string,
    message: RobotMessage,
  ): Promise<{ processQueryKey: string }> {
    const api = 'robot/groupMessages/send';
    const msgParam = JSON.stringify(message.msgParam);
    if (Buffer.byteLength(msgParam) > GROUP_MSG_PARAM_BYTES) {
      throw new RangeError(`group robot msgParam exceeds ${GROUP_MSG_PARAM_BYTES} bytes`);
    }
    const data = await this.#call(api, {
      host: 'api',
      method: 'POST',
      path: '/v1.0/robot/groupMessages/send',
      data: { robotCode: this.robotCode, openConversationId, msgKey: message.msgKey, msgParam },
      auth: 'header',
    });
    return this.#parse(api, groupSendSchema, data);
  }

  /**
   * Answers in the chat a robot message came from, through its short-lived sessionWebhook. The URL
   * comes from the message body, which the HTTP robot signature does not cover, so only the
   * configured oapi host is accepted: a forged body must not make the server post elsewhere.
   */
  async replyBySessionWebhook(sessionWebhook: string, body: Json): Promise<void> {
    const api = 'robot/sendBySession';
    const url = new URL(sessionWebhook);
    if (url.origin !== new URL(this.#o.oapiBase).origin) {
      throw new DingTalkApiError(api, 'FOREIGN_WEBHOOK', 'sessionWebhook is not on the configured oapi host');
    }
    await this.#call(api, {
      host: 'absolute',
      method: 'POST',
      path: url.toString(),
      data: body,
      auth: 'none',
    });
  }

  // -------------------------------------------------------------------------------------------
  // Interactive cards

  /** Creates a card and delivers it; the answer lists each space, and some may have failed. */
  async createAndDeliverCard(request: CreateAndDeliverCardRequest): Promise<CardDelivery[]> {
    const api = 'card/instances/createAndDeliver';
    const data = await this.#call(api, {
      host: 'api',
      method: 'POST',
      path: '/v1.0/card/instances/createAndDeliver',
      data: request,
      auth: 'header',
    });
    if (data.success === false) throw new DingTalkApiError(api, 'BAD_RESPONSE', 'success=false');
    return this.#parse(api, deliverSchema, data).result.deliverResults;
  }

  /** Patches the shared data of a card instance: every copy, in every space, shows the new values. */
  async updateCard(request: { outTrackId: string; cardParamMap: Record<string, string> }): Promise<void> {
    const api = 'card/instances.update';
    const data = await this.#call(api, {
      host: 'api',
      method: 'PUT',
      path: '/v1.0/card/instances',
      data: {
        outTrackId: request.outTrackId,
        cardData: { cardParamMap: request.cardParamMap },
        // Without the by-key options DingTalk overwrites the whole card data with this map.
        cardUpdateOptions: { updateCardDataByKey: true, updatePrivateDataByKey: true },
        userIdType: 1,
      },
      auth: 'header',
    });
    if (data.success === false) throw new DingTalkApiError(api, 'BAD_RESPONSE', 'success=false');
  }

  /** HTTP-mode card callbacks: where DingTalk posts clicks for cards created with this route key. */
  async registerCardCallback(request: { routeKey: string; url: string; apiSecret: string }): Promise<void> {
    await this.#call('card/callbacks/register', {
      host: 'api',
      method: 'POST',
      path: '/v1.0/card/callbacks/register',
      data: {
        callbackRouteKey: request.routeKey,
        callbackUrl: request.url,
        apiSecret: request.apiSecret,
        forceUpdate: true,
      },
      auth: 'header',
    });
  }

  // -------------------------------------------------------------------------------------------
  // Work notifications

  /**
   * Sends a work notification (工作通知) and returns the task ids. Asynchronous on DingTalk's side,
   * and over-limit messages are dropped silently there: a task id is not proof of delivery.
   */
  async sendWorkNotification(
    to: { userIds?: readonly string[]; deptIds?: readonly string[]; toAllUser?: boolean },
    msg: WorkNotice,
  ): Promise<string[]> {
    const api = 'topapi/message/corpconversation/asyncsend_v2';
    const calls: Json[] = to.toAllUser
      ? [{ to_all_user: true }]
      : [
          ...chunks(to.userIds ?? [], NOTICE_USERS).map((ids) => ({ userid_list: ids.join(',') })),
          ...chunks(to.deptIds ?? [], NOTICE_DEPTS).map((ids) => ({ dept_id_list: ids.join(',') })),
        ];
    const taskIds: string[] = [];
    for (const target of calls) {
      const data = await this.#call(api, {
        host: 'oapi',
        method: 'POST',
        path: '/topapi/message/corpconversation/asyncsend_v2',
        data: { agent_id: Number(this.#o.agentId), ...target, msg },
        auth: 'query',
      });
      taskIds.push(String(this.#parse(api, noticeSchema, data).task_id));
    }
    return taskIds;
  }

  // -------------------------------------------------------------------------------------------
  // Identity

  /** Exchanges a mini-app / H5 auth code (single use, five minutes) for the user; 40078 = used or expired. */
  async userByAuthCode(code: string): Promise<DingTalkAuthUser> {
    const api = 'topapi/v2/user/getuserinfo';
    const data = await this.#call(api, {
      host: 'oapi',
      method: 'POST',
      path: '/topapi/v2/user/getuserinfo',
      data: { code },
      auth: 'query',
    });
    const r = this.#parse(api, userInfoSchema, data).result;
    return {
      userId: r.userid,
      ...(r.unionid ? { unionId: r.unionid } : {}),
      ...(r.name ? { name: r.name } : {}),
      ...(r.sys_level === undefined ? {} : { sysLevel: r.sys_level }),
    };
  }

  /** The JSAPI ticket, cached and shared like the access token. */
  async jsapiTicket(): Promise<string> {
    const cached = await this.#o.tokenStore.read(this.#ticketKey, TOKEN_MARGIN_MS);
    if (cached) return cached.value;
    const fresh = await this.#o.tokenStore.refresh(this.#ticketKey, undefined, async () => {
      const api = 'get_jsapi_ticket';
      const data = await this.#call(api, {
        host: 'oapi',
        method: 'GET',
        path: '/get_jsapi_ticket',
        auth: 'query',
      });
      const t = this.#parse(api, ticketSchema, data);
      return { value: t.ticket, expiresAt: new Date(Date.now() + t.expires_in * 1000) };
    });
    return fresh.value;
  }

  /** Everything `dd.config` needs except corpId (which the caller knows from configuration). */
  async jsapiConfig(url: string): Promise<JsapiConfig> {
    const ticket = await this.jsapiTicket();
    const nonceStr = randomAlnum(16);
    const timeStamp = String(Date.now());
    return {
      agentId: this.#o.agentId,
      timeStamp,
      nonceStr,
      signature: jsapiSignature({ ticket, nonceStr, timeStamp, url }),
    };
  }

  // -------------------------------------------------------------------------------------------
  // Organisation

  async listSubDepartments(deptId: string): Promise<DingTalkDepartment[]> {
    const api = 'topapi/v2/department/listsub';
    const data = await this.#call(api, {
      host: 'oapi',
      method: 'POST',
      path: '/topapi/v2/department/listsub',
      data: { dept_id: Number(deptId) },
      auth: 'query',
    });
    return this.#parse(api, listSubSchema, data).result.map((d) => ({
      id: d.dept_id,
      name: d.name,
      ...(d.parent_id ? { parentId: d.parent_id } : {}),
    }));
  }

  /** One department (1 is the organisation root, which has no parent); 60003 when there is none. */
  async getDepartment(deptId: string): Promise<DingTalkDepartment> {
    const api = 'topapi/v2/department/get';
    const data = await this.#call(api, {
      host: 'oapi',
      method: 'POST',
      path: '/topapi/v2/department/get',
      data: { dept_id: Number(deptId), language: 'zh_CN' },
      auth: 'query',
    });
    const d = this.#parse(api, departmentGetSchema, data).result;
    return { id: d.dept_id, name: d.name, ...(d.parent_id ? { parentId: d.parent_id } : {}) };
  }

  /** One member's profile; 60121 when the organisation has no such user. */
  async getUser(userId: string): Promise<DingTalkUser> {
    const api = 'topapi/v2/user/get';
    const data = await this.#call(api, {
      host: 'oapi',
      method: 'POST',
      path: '/topapi/v2/user/get',
      data: { userid: userId, language: 'zh_CN' },
      auth: 'query',
    });
    return toUser(this.#parse(api, userGetSchema, data).result);
  }

  /** Every department under `rootId` (1 is the organisation root), breadth first. */
  async listAllDepartments(rootId = '1'): Promise<DingTalkDepartment[]> {
    const all: DingTalkDepartment[] = [];
    const queue = [rootId];
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const children = await this.listSubDepartments(next);
      all.push(...children);
      queue.push(...children.map((d) => d.id));
    }
    return all;
  }

  /** The department's direct members, following the cursor through every page. */
  async listDepartmentUsers(deptId: string): Promise<DingTalkUser[]> {
    const api = 'topapi/v2/user/list';
    const users: DingTalkUser[] = [];
    let cursor = 0;
    for (;;) {
      const data = await this.#call(api, {
        host: 'oapi',
        method: 'POST',
        path: '/topapi/v2/user/list',
        data: { dept_id: Number(deptId), cursor, size: USER_PAGE },
        auth: 'query',
      });
      const page = this.#parse(api, userListSchema, data).result;
      users.push(...page.list.map(toUser));
      if (!page.has_more || page.next_cursor === undefined) return users;
      cursor = page.next_cursor;
    }
  }
}
