import { randomInt } from 'node:crypto';
import Router from '@koa/router';
import type { SandboxContext } from '../context.js';
import { randomAlnum } from '../state/ids.js';
import { BOT_NAME, NOTICE_CHAT } from '../state/messages.js';
import type { Person } from '../state/org.js';
import { dingtalkEndpoint, type Json } from './endpoint.js';
import { OapiError } from './errors.js';
import { readWebhookMessage } from './robot-messages.js';

// The old host (https://oapi.dingtalk.com): token in the query, HTTP 200 with errcode (§6).

export const TOKEN_TTL_MS = 7200_000;
/** Work notifications per user per day for an internal app; beyond it they are silently dropped. */
const NOTICES_PER_DAY = 500;
const NOTICE_TYPES = new Set(['text', 'markdown', 'link', 'action_card', 'oa', 'image', 'file', 'voice']);
const PAGE_MAX = 100;

const list = (value: unknown) =>
  typeof value === 'string' && value !== '' ? value.split(',').map((s) => s.trim()) : [];

export function dingtalkOapiRouter(sb: SandboxContext, prefix: string): Router {
  const router = new Router({ prefix });
  const { org, dingtalk, messages } = sb.state;
  const dept = (id: unknown) => org.departments.find((d) => d.dingtalkId === Number(id ?? 1));
  const deptId = (key: string | undefined) => org.departments.find((d) => d.key === key)?.dingtalkId;

  router.get(
    '/gettoken',
    dingtalkEndpoint(sb, 'oapi', 'gettoken', 'none', ({ query }) => {
      if (query('appkey') !== sb.dingtalk.clientId || query('appsecret') !== sb.dingtalk.clientSecret) {
        throw new OapiError(40096, '不合法的appKey或appSecret');
      }
      const { token, expiresInSec } = dingtalk.tokens.issue(sb.dingtalk.clientId, TOKEN_TTL_MS, true);
      return { access_token: token, expires_in: expiresInSec };
    }),
  );

  router.get(
    '/get_jsapi_ticket',
    dingtalkEndpoint(sb, 'oapi', 'get_jsapi_ticket', 'query', () => {
      const { token, expiresInSec } = dingtalk.tickets.issue('jsapi', TOKEN_TTL_MS, false);
      return { ticket: token, expires_in: expiresInSec };
    }),
  );

  router.post(
    '/topapi/v2/user/getuserinfo',
    dingtalkEndpoint(sb, 'oapi', 'topapi/v2/user/getuserinfo', 'query', ({ body }) => {
      const redeemed = dingtalk.authCodes.redeem(String(body.code ?? ''));
      if (!redeemed.ok) throw new OapiError(40078, '不存在的临时授权码');
      const person = org.personByDingTalk(redeemed.value.userid) as Person;
      return {
        result: {
          userid: person.dingtalk.userid,
          unionid: person.dingtalk.unionid,
          associated_unionid: '',
          name: person.name,
          device_id: randomAlnum(32),
          sys: person.admin,
          // 1 super admin, 100 boss, 0 everyone else
          sys_level: person.admin ? 1 : person.boss ? 100 : 0,
        },
      };
    }),
  );

  const userJson = (p: Person) => ({
    userid: p.dingtalk.userid,
    unionid: p.dingtalk.unionid,
    name: p.name,
    avatar: '',
    mobile: p.mobile,
    state_code: '86',
    title: p.title,
    dept_id_list: [deptId(p.departmentKey)],
    leader: p.head,
    boss: p.boss,
    admin: p.admin,
    active: true,
  });

  router.post(
    '/topapi/v2/user/get',
    dingtalkEndpoint(sb, 'oapi', 'topapi/v2/user/get', 'query', ({ body }) => {
      const person = org.personByDingTalk(String(body.userid ?? ''));
      if (!person) throw new OapiError(60121, '找不到该用户');
      return { result: userJson(person) };
    }),
  );

  router.post(
    '/topapi/v2/department/get',
    dingtalkEndpoint(sb, 'oapi', 'topapi/v2/department/get', 'query', ({ body }) => {
      const d = dept(body.dept_id);
      if (!d) throw new OapiError(60003, '部门不存在');
      const siblings = org.departments.filter((s) => s.parentKey === d.parentKey);
      return {
        result: {
          dept_id: d.dingtalkId,
          name: d.name,
          // The root (1) has no parent.
          ...(d.parentKey === undefined ? {} : { parent_id: deptId(d.parentKey) }),
          order: siblings.indexOf(d),
          create_dept_group: true,
          auto_add_user: true,
        },
      };
    }),
  );

  router.post(
    '/topapi/v2/department/listsub',
    dingtalkEndpoint(sb, 'oapi', 'topapi/v2/department/listsub', 'query', ({ body }) => {
      const parent = dept(body.dept_id);
      if (!parent) throw new OapiError(60003, '部门不存在');
      return {
        result: org.departments
          .filter((d) => d.parentKey === parent.key)
          .map((d) => ({
            dept_id: d.dingtalkId,
            name: d.name,
            parent_id: parent.dingtalkId,
            create_dept_group: true,
            auto_add_user: true,
          })),
      };
    }),
  );

  router.post(
    '/topapi/v2/user/list',
    dingtalkEndpoint(sb, 'oapi', 'topapi/v2/user/list', 'query', ({ body }) => {
      const d = dept(body.dept_id);
      if (!d) throw new OapiError(60003, '部门不存在');
      const size = Number(body.size);
      if (!Number.isInteger(size) || size < 1 || size > PAGE_MAX)
        throw new OapiError(40035, 'size 需为 1 到 100');
      const cursor = Number(body.cursor ?? 0);
      const people = org.people.filter((p) => p.departmentKey === d.key);
      const page = people.slice(cursor, cursor + size);
      const more = cursor + size < people.length;
      return {
        result: {
          has_more: more,
          ...(more ? { next_cursor: cursor + size } : {}),
          list: page.map(userJson),
        },
      };
    }),
  );

  router.post(
    '/topapi/message/corpconversation/asyncsend_v2',
    dingtalkEndpoint(sb, 'oapi', 'topapi/message/corpconversation/asyncsend_v2', 'query', ({ body }) => {
      if (String(body.agent_id ?? '') !== sb.dingtalk.agentId) throw new OapiError(40056, '不合法的agentid');
      const msg = body.msg as Json | undefined;
      const msgtype = typeof msg?.msgtype === 'string' ? msg.msgtype : '';
      if (!msg || !NOTICE_TYPES.has(msgtype) || typeof msg[msgtype] !== 'object') {
        throw new OapiError(40035, 'msg 格式不正确');
      }
      const named =
        body.to_all_user === true || body.to_all_user === 'true'
          ? org.people.map((p) => p.dingtalk.userid)
          : [
              ...list(body.userid_list),
              ...list(body.dept_id_list).flatMap((id) => {
                const d = dept(id);
                return d ? org.peopleUnder(d.key).map((p) => p.dingtalk.userid) : [];
              }),
            ];
      if (named.length === 0) throw new OapiError(40035, 'userid_list、dept_id_list、to_all_user 不能都为空');
      // The API answers success either way; what a person does not get is only visible here (§4.1).
      const day = new Date(sb.now() + 8 * 3600_000).toISOString().slice(0, 10);
      const content = JSON.stringify(msg);
      const viewers: string[] = [];
      const dropped: { user: string; reason: string }[] = [];
      for (const user of new Set(named)) {
        const count = dingtalk.noticeCounts.get(`${user}|${day}`) ?? 0;
        const sameKey = `${user}|${day}|${content}`;
        if (!org.personByDingTalk(user)) dropped.push({ user, reason: 'unknown_user' });
        else if (dingtalk.noticeContent.has(sameKey)) dropped.push({ user, reason: 'same_content_today' });
        else if (count >= NOTICES_PER_DAY) dropped.push({ user, reason: 'daily_limit' });
        else {
          dingtalk.noticeContent.add(sameKey);
          dingtalk.noticeCounts.set(`${user}|${day}`, count + 1);
          viewers.push(user);
        }
      }
      messages.add({
        platform: 'dingtalk',
        direction: 'out',
        chat: NOTICE_CHAT,
        chatName: '工作通知',
        from: { id: sb.dingtalk.agentId, name: BOT_NAME },
        viewers,
        dropped,
        type: msgtype,
        content: msg[msgtype],
        via: 'corpconversation/asyncsend_v2',
      });
      return { task_id: randomInt(10_000_000_000, 99_999_999_999) };
    }),
  );

  router.post(
    '/robot/sendBySession',
    dingtalkEndpoint(sb, 'oapi', 'robot/sendBySession', 'none', ({ query, body }) => {
      const session = dingtalk.sessions.get(query('session') ?? '');
      if (!session || session.expiresAt <= sb.now()) throw new OapiError(300005, 'token is not exist');
      const { type, content } = readWebhookMessage(body);
      messages.add({
        platform: 'dingtalk',
        direction: 'out',
        chat: session.chat,
        chatName: session.chatName,
        from: { id: sb.dingtalk.clientId, name: BOT_NAME },
        viewers: session.viewers,
        type,
        content,
        via: 'sessionWebhook',
      });
      return {};
    }),
  );

  return router;
}
