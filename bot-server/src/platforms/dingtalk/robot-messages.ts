// Robot messages: 1:1 in batches, to a group, and answers through a message's session webhook.
import { z } from 'zod';
import type { Json } from './api-outcome.js';
import { DingTalkApiError } from './errors.js';
import { chunks, type DingTalkTransport } from './transport.js';

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

// Documented per-call limits, enforced by splitting rather than by a failed call.
const ROBOT_BATCH_USERS = 20;
const GROUP_MSG_PARAM_BYTES = 15_000;

const batchSendSchema = z.looseObject({
  processQueryKey: z.string().optional(),
  invalidStaffIdList: z.array(z.string()).optional(),
  flowControlledStaffIdList: z.array(z.string()).optional(),
});
const groupSendSchema = z.looseObject({ processQueryKey: z.string() });

export class DingTalkRobotMessages {
  constructor(
    private readonly transport: DingTalkTransport,
    /** The app robot's code; equal to the clientId for internal apps. */
    private readonly robotCode: string,
  ) {}

  /** 1:1 robot messages, split into the API's batches of 20 users. */
  async sendToUsers(userIds: readonly string[], message: RobotMessage): Promise<RobotBatchResult> {
    const api = 'robot/oToMessages/batchSend';
    const total: RobotBatchResult = {
      processQueryKeys: [],
      invalidStaffIdList: [],
      flowControlledStaffIdList: [],
    };
    for (const batch of chunks(userIds, ROBOT_BATCH_USERS)) {
      const data = await this.transport.call(api, {
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
      const r = this.transport.parse(api, batchSendSchema, data);
      if (r.processQueryKey) total.processQueryKeys.push(r.processQueryKey);
      total.invalidStaffIdList.push(...(r.invalidStaffIdList ?? []));
      total.flowControlledStaffIdList.push(...(r.flowControlledStaffIdList ?? []));
    }
    return total;
  }

  async sendToGroup(openConversationId: string, message: RobotMessage): Promise<{ processQueryKey: string }> {
    const api = 'robot/groupMessages/send';
    const msgParam = JSON.stringify(message.msgParam);
    if (Buffer.byteLength(msgParam) > GROUP_MSG_PARAM_BYTES) {
      throw new RangeError(`group robot msgParam exceeds ${GROUP_MSG_PARAM_BYTES} bytes`);
    }
    const data = await this.transport.call(api, {
      host: 'api',
      method: 'POST',
      path: '/v1.0/robot/groupMessages/send',
      data: { robotCode: this.robotCode, openConversationId, msgKey: message.msgKey, msgParam },
      auth: 'header',
    });
    return this.transport.parse(api, groupSendSchema, data);
  }

  /**
   * Answers in the chat a robot message came from, through its short-lived sessionWebhook. The URL
   * comes from the message body, which the HTTP robot signature does not cover, so only the
   * configured oapi host is accepted: a forged body must not make the server post elsewhere.
   */
  async replyBySessionWebhook(sessionWebhook: string, body: Json): Promise<void> {
    const api = 'robot/sendBySession';
    const url = new URL(sessionWebhook);
    if (url.origin !== this.transport.oapiOrigin) {
      throw new DingTalkApiError(api, 'FOREIGN_WEBHOOK', 'sessionWebhook is not on the configured oapi host');
    }
    await this.transport.call(api, {
      host: 'absolute',
      method: 'POST',
      path: url.toString(),
      data: body,
      auth: 'none',
    });
  }
}
