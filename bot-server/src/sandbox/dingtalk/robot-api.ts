import type Router from '@koa/router';
import type { SandboxContext } from '../context.js';
import { randomBase64 } from '../state/ids.js';
import { BOT_CHAT, BOT_NAME } from '../state/messages.js';
import { dingtalkEndpoint } from './endpoint.js';
import { DingTalkApiError } from './errors.js';
import { readRobotMessage } from './robot-messages.js';

// The app robot's sends (reference §4): 1:1 in batches of at most 20 users, and to a group the
// robot is in.

const BATCH_MAX = 20;
const GROUP_PARAM_MAX_BYTES = 15_000;

export function dingtalkRobotRoutes(router: Router, sb: SandboxContext): void {
  const { org, messages, dingtalk } = sb.state;
  const checkRobot = (robotCode: unknown) => {
    if (robotCode !== sb.dingtalk.clientId)
      throw new DingTalkApiError(400, 'param.invalid', 'robotCode 不存在');
  };

  router.post(
    '/v1.0/robot/oToMessages/batchSend',
    dingtalkEndpoint(sb, 'api', 'v1.0/robot/oToMessages/batchSend', 'header', ({ body }) => {
      checkRobot(body.robotCode);
      const userIds = Array.isArray(body.userIds) ? body.userIds.map(String) : [];
      if (userIds.length === 0 || userIds.length > BATCH_MAX) {
        throw new DingTalkApiError(400, 'param.invalid', `userIds 需为 1 到 ${BATCH_MAX} 个`);
      }
      const params = readRobotMessage(body.msgKey, body.msgParam);
      const valid = userIds.filter((u) => org.personByDingTalk(u));
      if (valid.length > 0) {
        messages.add({
          platform: 'dingtalk',
          direction: 'out',
          chat: BOT_CHAT,
          chatName: BOT_NAME,
          from: { id: sb.dingtalk.clientId, name: BOT_NAME },
          viewers: valid,
          type: String(body.msgKey),
          content: params,
          via: 'robot/oToMessages/batchSend',
        });
      }
      return {
        processQueryKey: randomBase64(44),
        invalidStaffIdList: userIds.filter((u) => !valid.includes(u)),
        flowControlledStaffIdList: [],
      };
    }),
  );

  router.post(
    '/v1.0/robot/groupMessages/send',
    dingtalkEndpoint(sb, 'api', 'v1.0/robot/groupMessages/send', 'header', ({ body }) => {
      checkRobot(body.robotCode);
      const group = dingtalk.groups.get(String(body.openConversationId ?? ''));
      if (!group) throw new DingTalkApiError(400, 'param.invalid', '群会话不存在，或机器人不在群内');
      const params = readRobotMessage(body.msgKey, body.msgParam, GROUP_PARAM_MAX_BYTES);
      messages.add({
        platform: 'dingtalk',
        direction: 'out',
        chat: group.openConversationId,
        chatName: group.name,
        from: { id: sb.dingtalk.clientId, name: BOT_NAME },
        viewers: group.members,
        type: String(body.msgKey),
        content: params,
        via: 'robot/groupMessages/send',
      });
      return { processQueryKey: randomBase64(44) };
    }),
  );
}
