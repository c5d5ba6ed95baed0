import { createHash } from 'node:crypto';
import type Router from '@koa/router';
import type { SandboxContext } from '../context.js';
import { randomAlnum } from '../state/ids.js';
import { BOT_CHAT, BOT_NAME } from '../state/messages.js';
import { readContent } from './content.js';
import { type Json, wecomEndpoint } from './endpoint.js';
import { WeComError } from './errors.js';
import { validateTemplateCard } from './template-card.js';

// App messages (message/send, update_template_card), app group chats (appchat) and group robots
// (webhook/send): the calls that put something in front of people.

const CHAT_ID = /^[0-9a-zA-Z]{1,32}$/;

function splitIds(value: unknown, field: string, max: number): string[] {
  if (value === undefined || value === '') return [];
  if (typeof value !== 'string') throw new WeComError(40058, `${field} must be ids joined by "|"`);
  const ids = value.split('|').filter((id) => id !== '');
  if (ids.length > max) throw new WeComError(40058, `${field} holds more than ${max} ids`);
  return ids;
}

function idList(value: unknown, field: string, max: number): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new WeComError(40058, `${field} must be an array`);
  if (value.length > max) throw new WeComError(40058, `${field} holds more than ${max} ids`);
  return value.map(String);
}

function checkAgent(sb: SandboxContext, agentid: unknown): string {
  if (agentid === undefined || agentid === '') throw new WeComError(41011);
  if (String(agentid) !== sb.wecom.agentId) throw new WeComError(40056);
  return String(agentid);
}

/** Members of the WeCom departments `partyIds`, and the ids that name no department. */
function partyMembers(sb: SandboxContext, partyIds: string[]): { users: string[]; invalid: string[] } {
  const users: string[] = [];
  const invalid: string[] = [];
  for (const id of partyIds) {
    const dept = sb.state.org.departments.find((d) => String(d.wecomId) === id);
    if (!dept) invalid.push(id);
    else users.push(...sb.state.org.peopleUnder(dept.key).map((p) => p.wecom.userid));
  }
  return { users, invalid };
}

/**
 * enable_duplicate_check: the same message to the same recipients within the interval (default
 * 1800 s, at most 4 h) is accepted and not delivered again.
 */
function isDuplicate(sb: SandboxContext, body: Json, what: unknown[]): boolean {
  const key = createHash('sha256')
    .update(JSON.stringify([...what, body.touser, body.toparty, body.totag]))
    .digest('hex');
  const { recentContent } = sb.state.wecom;
  if ((recentContent.get(key) ?? 0) > sb.now()) return true;
  const interval = Math.min(Number(body.duplicate_check_interval ?? 1800) || 1800, 4 * 3600);
  recentContent.set(key, sb.now() + interval * 1000);
  return false;
}

export function wecomMessageRoutes(router: Router, sb: SandboxContext): void {
  const { wecom, org, messages } = sb.state;
  const send = { token: true, baseLimit: false };
  const call = { token: true, baseLimit: true };

  router.post(
    '/message/send',
    wecomEndpoint(sb, 'message/send', send, ({ body }) => {
      const agentId = checkAgent(sb, body.agentid);
      const content = readContent(body, 'app');
      const touser = splitIds(body.touser, 'touser', 1000);
      const toparty = splitIds(body.toparty, 'toparty', 100);
      const totag = splitIds(body.totag, 'totag', 100);
      if (touser.length + toparty.length + totag.length === 0) throw new WeComError(82001);
      const taskId = content.card?.task_id;
      if (typeof taskId === 'string' && wecom.cards.taskIdTaken(agentId, taskId)) {
        throw new WeComError(42014, `task_id "${taskId}" has been used by this app`);
      }

      const everyone = touser.includes('@all');
      const named = everyone ? org.people.map((p) => p.wecom.userid) : touser;
      const invalidUsers = everyone ? [] : touser.filter((u) => !org.personByWeCom(u));
      const party = partyMembers(sb, toparty);
      const recipients = [...new Set([...named.filter((u) => org.personByWeCom(u)), ...party.users])];
      // The sandbox corp has no tags, so every tag id is invalid.
      if (recipients.length === 0) throw new WeComError(81013);

      const duplicate =
        Number(body.enable_duplicate_check) === 1 && isDuplicate(sb, body, [agentId, content]);
      const viewers: string[] = [];
      const dropped: { user: string; reason: string }[] = [];
      for (const user of recipients) {
        if (duplicate) dropped.push({ user, reason: 'duplicate' });
        else if (wecom.memberSends.take(`${agentId}:${user}`)) viewers.push(user);
        else dropped.push({ user, reason: 'rate_limited' });
      }

      const msgid = wecom.nextMsgId();
      const cardId = content.card ? (typeof taskId === 'string' ? taskId : msgid) : undefined;
      const responseCode =
        content.card && cardId ? wecom.cards.add(cardId, agentId, content.card, viewers) : undefined;
      messages.add({
        platform: 'wecom',
        direction: 'out',
        chat: BOT_CHAT,
        chatName: BOT_NAME,
        from: { id: agentId, name: BOT_NAME },
        viewers,
        dropped,
        type: content.msgtype,
        content: content.payload,
        via: 'message/send',
        ...(cardId ? { cardId } : {}),
      });
      return {
        invaliduser: invalidUsers.join('|'),
        invalidparty: party.invalid.join('|'),
        invalidtag: totag.join('|'),
        unlicenseduser: '',
        msgid,
        ...(responseCode ? { response_code: responseCode } : {}),
      };
    }),
  );

  router.post(
    '/message/update_template_card',
    wecomEndpoint(sb, 'message/update_template_card', send, ({ body }) => {
      const agentId = checkAgent(sb, body.agentid);
      const code = body.response_code;
      if (typeof code !== 'string' || code === '') throw new WeComError(40058, 'response_code is required');
      const hasButton = body.button !== undefined;
      if (hasButton === (body.template_card !== undefined)) {
        throw new WeComError(40058, 'give either button or template_card');
      }
      const replaceName = (body.button as { replace_name?: unknown } | undefined)?.replace_name;
      if (hasButton && (typeof replaceName !== 'string' || replaceName === '')) {
        throw new WeComError(40058, 'button.replace_name is required');
      }
      const change =
        typeof replaceName === 'string'
          ? { replaceName }
          : { card: validateTemplateCard(body.template_card, 'app') };

      const grant = wecom.cards.codes.peek(code);
      if (!grant.ok) {
        throw grant.reason === 'used'
          ? new WeComError(42022, 'response_code is single-use')
          : new WeComError(40058, `response_code is ${grant.reason === 'expired' ? 'expired' : 'invalid'}`);
      }
      if (grant.value.agentId !== agentId) throw new WeComError(42015);

      const recipients = wecom.cards.recipients(grant.value.cardId);
      const userids = idList(body.userids, 'userids', 1000);
      const partyids = idList(body.partyids, 'partyids', 100);
      const tagids = idList(body.tagids, 'tagids', 100);
      const atall = Number(body.atall) === 1;
      if (!atall && userids.length + partyids.length + tagids.length === 0) throw new WeComError(82001);
      const targets = atall ? recipients : [...userids, ...partyMembers(sb, partyids).users];

      wecom.cards.codes.redeem(code);
      wecom.cards.apply(grant.value.cardId, targets, change);
      return { invaliduser: userids.filter((u) => !recipients.includes(u)) };
    }),
  );

  router.post(
    '/appchat/create',
    wecomEndpoint(sb, 'appchat/create', call, ({ body }) => {
      const name = body.name;
      if (typeof name !== 'string' || name === '' || [...name].length > 50) throw new WeComError(86004);
      const userlist = idList(body.userlist, 'userlist', 2000);
      if (userlist.length < 2) throw new WeComError(86006, 'a group needs 2 to 2000 members');
      const strangers = userlist.filter((u) => !org.personByWeCom(u));
      if (strangers.length > 0) throw new WeComError(86216, strangers.join('|'));
      const owner = body.owner === undefined ? userlist[0] : String(body.owner);
      if (owner === undefined || !userlist.includes(owner)) throw new WeComError(86207);
      let chatid = body.chatid === undefined ? randomAlnum(19) : String(body.chatid);
      if (!CHAT_ID.test(chatid)) throw new WeComError(86001, 'at most 32 of [0-9a-zA-Z]');
      if (wecom.appchats.has(chatid)) {
        if (body.chatid !== undefined) throw new WeComError(86215);
        chatid = randomAlnum(19);
      }
      wecom.appchats.set(chatid, {
        chatid,
        name,
        owner,
        members: [...new Set(userlist)],
        webhookKey: undefined,
      });
      return { chatid };
    }),
  );

  router.get(
    '/appchat/get',
    wecomEndpoint(sb, 'appchat/get', call, ({ query }) => {
      const chat = wecom.appchats.get(query('chatid') ?? '');
      if (!chat) throw new WeComError(86003);
      return {
        chat_info: {
          chatid: chat.chatid,
          name: chat.name,
          owner: chat.owner,
          userlist: chat.members,
          chat_type: 0,
        },
      };
    }),
  );

  router.post(
    '/appchat/send',
    wecomEndpoint(sb, 'appchat/send', send, ({ body }) => {
      const chat = wecom.appchats.get(String(body.chatid ?? ''));
      if (!chat) throw new WeComError(86003);
      const content = readContent(body, 'appchat');
      const viewers: string[] = [];
      const dropped: { user: string; reason: string }[] = [];
      for (const user of chat.members) {
        if (wecom.appchatReceives.take(`${sb.wecom.agentId}:${user}`)) viewers.push(user);
        else dropped.push({ user, reason: 'rate_limited' });
      }
      messages.add({
        platform: 'wecom',
        direction: 'out',
        chat: chat.chatid,
        chatName: chat.name,
        from: { id: sb.wecom.agentId, name: BOT_NAME },
        viewers,
        dropped,
        type: content.msgtype,
        content: content.payload,
        via: 'appchat/send',
      });
      return {};
    }),
  );

  router.post(
    '/webhook/send',
    wecomEndpoint(sb, 'webhook/send', { token: false, baseLimit: false }, ({ query, body }) => {
      const key = query('key') ?? '';
      const chat = wecom.webhookChat(key);
      if (!chat) throw new WeComError(93000);
      if (!wecom.webhookSends.take(key))
        throw new WeComError(45009, 'a group robot sends at most 20 messages a minute');
      const content = readContent(body, 'webhook');
      messages.add({
        platform: 'wecom',
        direction: 'out',
        chat: chat.chatid,
        chatName: chat.name,
        from: { id: 'webhook', name: `${BOT_NAME}通知` },
        viewers: chat.members,
        type: content.msgtype,
        content: content.payload,
        via: 'webhook/send',
      });
      return {};
    }),
  );
}
