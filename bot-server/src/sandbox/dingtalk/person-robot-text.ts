// A person writes to Kelian's robot, 1:1 or @-mentioning it in a group: the robot message as
// DingTalk sends it (§3.1), with a session webhook for the answer.
import { randomBytes } from 'node:crypto';
import { Problem } from '../../http/problem.js';
import type { SandboxContext } from '../context.js';
import { randomBase64, stableBase64 } from '../state/ids.js';
import { BOT_CHAT, BOT_NAME, type ChatMessage } from '../state/messages.js';
import type { Person } from '../state/org.js';
import { DINGTALK_OAPI_PATH } from './api.js';
import { robotSign } from './callback-crypto.js';
import { type DingTalkDelivery, postToKelian } from './person-delivery.js';
import type { StreamGateway } from './stream-gateway.js';

const TOPIC_ROBOT = '/v1.0/im/bot/messages/get';
const DINGTALK_ROBOT_PATH = '/dingtalk/robot';
/** sessionWebhookExpiredTime is createAt + 90 min in every known sample (§3.1). */
const SESSION_TTL_MS = 90 * 60_000;
const ROBOT_HTTP_ANSWER_MS = 5_000;

export type SendDingTalkText = (input: { from: string; conversationId?: string; text: string }) => Promise<{
  message: ChatMessage;
  delivery: DingTalkDelivery;
  sessionWebhook: string;
}>;

export function sendDingTalkText(
  sb: SandboxContext,
  gateway: StreamGateway,
  member: (userid: string) => Person,
): SendDingTalkText {
  const { dingtalk, messages } = sb.state;
  const chatbotUserId = `$:LWCP_v1:$${stableBase64(`chatbot:${sb.dingtalk.clientId}`, 32)}`;

  return async ({ from, conversationId, text }) => {
    const person = member(from);
    const group = conversationId === undefined ? undefined : dingtalk.groups.get(conversationId);
    if (conversationId !== undefined && !group)
      throw new Problem(404, 'sandbox-chat-not-found', '群聊不存在', conversationId);
    if (group && !group.members.includes(from))
      throw new Problem(403, 'sandbox-not-a-member', '你不在这个群聊中');
    const chat = group ? group.openConversationId : BOT_CHAT;
    const chatName = group ? group.name : BOT_NAME;
    const viewers = group ? group.members : [from];
    const message = messages.add({
      platform: 'dingtalk',
      direction: 'in',
      chat,
      chatName,
      from: { id: from, name: person.name },
      viewers,
      type: 'text',
      content: { content: text },
      via: sb.dingtalk.mode === 'stream' ? 'stream' : 'http',
    });

    const createAt = sb.now();
    const session = randomBytes(16).toString('hex');
    dingtalk.sessions.set(session, { chat, chatName, viewers, expiresAt: createAt + SESSION_TTL_MS });
    const sessionWebhook = `${sb.serverUrl()}${DINGTALK_OAPI_PATH}/robot/sendBySession?session=${session}`;
    // The robot message as DingTalk sends it (§3.1); in a group the text keeps the space left
    // after the @mention.
    const payload = {
      conversationId: group ? group.openConversationId : person.dingtalk.robotConversationId,
      ...(group
        ? { atUsers: [{ dingtalkId: chatbotUserId }], conversationTitle: group.name, isInAtList: true }
        : {}),
      chatbotCorpId: sb.dingtalk.corpId,
      chatbotUserId,
      msgId: `msg${randomBase64(22)}==`,
      senderNick: person.name,
      isAdmin: person.admin,
      senderStaffId: person.dingtalk.userid,
      sessionWebhookExpiredTime: createAt + SESSION_TTL_MS,
      createAt,
      senderCorpId: sb.dingtalk.corpId,
      conversationType: group ? '2' : '1',
      senderId: person.dingtalk.senderId,
      sessionWebhook,
      text: { content: group ? ` ${text}` : text },
      robotCode: sb.dingtalk.clientId,
      senderPlatform: 'Web',
      msgtype: 'text',
    };

    let delivery: DingTalkDelivery;
    if (sb.dingtalk.mode === 'stream') {
      // ACK at once or the frame comes again ~16 s later (reference §2.3).
      const pushed = await gateway.push('CALLBACK', TOPIC_ROBOT, payload, {
        answerWithinMs: 5_000,
        redeliverAfterMs: 16_000,
        maxDeliveries: 3,
      });
      delivery = { mode: 'stream', ...pushed };
    } else {
      const timestamp = String(sb.now());
      delivery = await postToKelian(
        `${sb.serverUrl()}${DINGTALK_ROBOT_PATH}`,
        payload,
        { timestamp, sign: robotSign(sb.dingtalk.clientSecret, timestamp) },
        ROBOT_HTTP_ANSWER_MS,
      );
      // The HTTP answer may itself be a message posted back into the chat.
      const answer = delivery.answer as { msgtype?: unknown } | undefined;
      if (delivery.delivered && typeof answer?.msgtype === 'string' && answer.msgtype !== 'empty') {
        messages.add({
          platform: 'dingtalk',
          direction: 'out',
          chat,
          chatName,
          from: { id: sb.dingtalk.clientId, name: BOT_NAME },
          viewers,
          type: answer.msgtype,
          content: (answer as Record<string, unknown>)[answer.msgtype],
          via: 'robot answer',
        });
      }
    }
    message.delivery = delivery;
    return { message, delivery, sessionWebhook };
  };
}
