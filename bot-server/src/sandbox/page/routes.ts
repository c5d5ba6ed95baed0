import { readFileSync } from 'node:fs';
import Router from '@koa/router';
import { z } from 'zod';
import { recordId } from '../../api/customers/schemas.js';
import { inputHygiene } from '../../api/input-hygiene.js';
import { Problem } from '../../http/problem.js';
import { parseInput } from '../../http/validate.js';
import { CARD_PREVIEW_CSS, renderCardGalleryHtml } from '../card-preview/index.js';
import { renderTodoPageHtml } from '../dingtalk/todo-page.js';
import type { Sandbox } from '../index.js';
import { BOT_CHAT, BOT_NAME, NOTICE_CHAT } from '../state/messages.js';
import { cardForViewer, messageHtml } from './message-html.js';

// The /sandbox page: a person picks a platform and who they are, sees their chats as that client
// would, types and clicks. Its API plays the platform through the sandbox's actions, so every
// message reaches Kelian the production way (encrypted callback, Stream frame).

const assets = new URL('../../../public/sandbox/', import.meta.url);
const asset = (name: string) => readFileSync(new URL(name, assets), 'utf8');

// Each field says in Chinese what it wants, as the API's schemas do: the page shows the message.
const platform = z.enum(['wecom', 'dingtalk'], {
  error: 'platform 只能是 wecom（企业微信）或 dingtalk（钉钉）',
});
const user = z
  .string({ error: 'user 应为成员的账号，例如 ZhangWei' })
  .min(1, 'user 应为成员的账号，例如 ZhangWei');
const chat = z.string({ error: 'chat 应为聊天的编号' }).min(1, 'chat 应为聊天的编号');
const schemas = {
  people: z.object({ platform }),
  /** A DingTalk userid: whose 待办 the page lists (none: only the picker). */
  todos: z.object({ user: user.optional() }),
  chats: z.object({ platform, user }),
  timeline: z.object({
    platform,
    user,
    chat,
    after: z.coerce
      .number({ error: 'after 应为不小于 0 的整数' })
      .int('after 应为不小于 0 的整数')
      .min(0, 'after 应为不小于 0 的整数')
      .default(0),
  }),
  cards: z.object({
    platform,
    user,
    seqs: z
      .string({ error: 'seqs 应为用逗号分隔的消息编号，例如 3,5' })
      .regex(/^\d+(,\d+)*$/, 'seqs 应为用逗号分隔的消息编号，例如 3,5'),
  }),
  send: z.object({
    platform,
    user,
    chat,
    text: z
      .string({ error: '请输入要发送的内容' })
      .trim()
      .min(1, '请输入要发送的内容')
      .max(2000, '内容不能超过 2000 个字'),
  }),
  click: z.object({
    platform,
    user,
    seq: recordId('seq 应为消息编号（正整数）'),
    key: z.string({ error: 'key 应为卡片按钮的值' }).min(1, 'key 应为卡片按钮的值').max(1024, 'key 过长'),
  }),
};

export function sandboxPageRoutes(sandbox: Sandbox): Router {
  const { state, actions } = sandbox;
  const router = new Router();
  // What the page sends becomes platform messages and then rows: refused here like at /api.
  router.use('/sandbox/page/api', inputHygiene);
  const page = { html: asset('index.html'), css: asset('sandbox.css'), js: asset('sandbox.js') };

  router.get('/sandbox', (ctx) => {
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = page.html;
  });
  router.get('/sandbox/assets/sandbox.css', (ctx) => {
    ctx.type = 'text/css; charset=utf-8';
    ctx.body = page.css;
  });
  router.get('/sandbox/assets/card-preview.css', (ctx) => {
    ctx.type = 'text/css; charset=utf-8';
    ctx.body = CARD_PREVIEW_CSS;
  });
  router.get('/sandbox/assets/sandbox.js', (ctx) => {
    ctx.type = 'text/javascript; charset=utf-8';
    ctx.body = page.js;
  });
  router.get('/sandbox/cards', (ctx) => {
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = renderCardGalleryHtml();
  });
  router.get('/sandbox/todos', (ctx) => {
    const { user } = parseInput(schemas.todos, ctx.query);
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = renderTodoPageHtml(state, user, sandbox.timeZone);
  });

  const idOf = (p: (typeof state.org.people)[number], on: 'wecom' | 'dingtalk') =>
    on === 'wecom' ? p.wecom.userid : p.dingtalk.userid;

  router.get('/sandbox/page/api/people', (ctx) => {
    const { platform } = parseInput(schemas.people, ctx.query);
    const departments = new Map(state.org.departments.map((d) => [d.key, d.name]));
    ctx.body = {
      people: state.org.people.map((p) => ({
        id: idOf(p, platform),
        name: p.name,
        title: p.title,
        department: departments.get(p.departmentKey) ?? '',
      })),
    };
  });

  router.get('/sandbox/page/api/chats', (ctx) => {
    const { platform, user } = parseInput(schemas.chats, ctx.query);
    const groups = state.org.groups.filter((g) => g.members.some((m) => idOf(m, platform) === user));
    ctx.body = {
      chats: [
        { id: BOT_CHAT, name: BOT_NAME, kind: 'bot', hint: platform === 'wecom' ? '应用消息' : '机器人单聊' },
        ...(platform === 'dingtalk'
          ? [{ id: NOTICE_CHAT, name: '工作通知', kind: 'bot', hint: '客联的工作通知' }]
          : []),
        // WeCom: the customers' WeChat accounts this member has added (客户联系); their chats carry
        // the chat toolbar where Kelian's sidebar opens.
        ...(platform === 'wecom'
          ? state.wecom.customers.followedBy(user).map((c) => ({
              id: c.external_userid,
              name: c.name,
              kind: 'external',
              hint: `微信客户 · ${c.follows.find((f) => f.userid === user)?.remark || c.name}`,
            }))
          : []),
        ...groups.map((g) => ({
          id: platform === 'wecom' ? g.wecom.chatid : g.dingtalk.openConversationId,
          name: g.name,
          kind: 'group',
          hint:
            platform === 'wecom'
              ? `${g.members.length} 人 · 接收客联通知`
              : `${g.members.length} 人 · @客联 提问`,
        })),
      ],
    };
  });

  router.get('/sandbox/page/api/timeline', (ctx) => {
    const { platform, user, chat, after } = parseInput(schemas.timeline, ctx.query);
    const messages = state.messages.list({ platform, chat, user, after });
    // A click on a card is an event for the server, not a message: clients show nothing for it.
    const shown = messages.filter((m) => !(m.direction === 'in' && m.cardId !== undefined));
    ctx.body = {
      messages: shown.map((m) => ({ seq: m.seq, html: messageHtml(state, m, user, sandbox.timeZone) })),
      last: messages.at(-1)?.seq ?? after,
    };
  });

  router.get('/sandbox/page/api/cards', (ctx) => {
    const { platform, user, seqs } = parseInput(schemas.cards, ctx.query);
    const wanted = new Set(seqs.split(',').map(Number));
    const cards = state.messages
      .list({ platform, user })
      .filter((m) => wanted.has(m.seq))
      .flatMap((m) => {
        const card = cardForViewer(state, m, user);
        return card ? [{ seq: m.seq, ...card }] : [];
      });
    ctx.body = { cards };
  });

  router.post('/sandbox/page/api/send', async (ctx) => {
    const { platform, user, chat, text } = parseInput(schemas.send, ctx.request.body);
    if (platform === 'wecom' && state.wecom.customers.contacts.has(chat)) {
      throw new Problem(
        400,
        'sandbox-external-chat',
        '与微信客户的聊天不经过客联',
        '点「客户资料」打开聊天工具栏里的客联侧边栏',
      );
    }
    const inGroup = chat !== BOT_CHAT;
    if (platform === 'wecom')
      await actions.sendWeComText({ from: user, chatId: inGroup ? chat : undefined, text });
    else await actions.sendDingTalkText({ from: user, conversationId: inGroup ? chat : undefined, text });
    ctx.status = 204;
  });

  router.post('/sandbox/page/api/click', async (ctx) => {
    const { platform, user, seq, key } = parseInput(schemas.click, ctx.request.body);
    const message = state.messages.list({ platform, user }).find((m) => m.seq === seq);
    if (!message?.cardId) throw new Problem(404, 'sandbox-card-not-found', '找不到这张卡片');
    if (platform === 'wecom') await actions.clickWeComCard({ user, taskId: message.cardId, key });
    else await actions.clickDingTalkCard({ user, outTrackId: message.cardId, action: key });
    ctx.status = 204;
  });

  return router;
}
