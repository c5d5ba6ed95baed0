// Work notifications (工作通知): the app's messages to people and departments.
import { z } from 'zod';
import type { Json } from './api-outcome.js';
import { chunks, type DingTalkTransport } from './transport.js';

export type WorkNotice =
  | { msgtype: 'text'; text: { content: string } }
  | { msgtype: 'markdown'; markdown: { title: string; text: string } }
  | { msgtype: 'link'; link: { messageUrl: string; picUrl: string; title: string; text: string } }
  | { msgtype: 'action_card'; action_card: Json }
  | { msgtype: 'oa'; oa: Json };

export interface WorkNoticeTargets {
  userIds?: readonly string[];
  deptIds?: readonly string[];
  toAllUser?: boolean;
}

// The older asyncsend_v2 doc allows 100 users and 20 departments per call; the newer one more.
const NOTICE_USERS = 100;
const NOTICE_DEPTS = 20;

const noticeSchema = z.looseObject({ task_id: z.union([z.number(), z.string()]) });

export class DingTalkWorkNotifications {
  constructor(
    private readonly transport: DingTalkTransport,
    private readonly agentId: string,
  ) {}

  /**
   * Sends a work notification (工作通知) and returns the task ids. Asynchronous on DingTalk's side,
   * and over-limit messages are dropped silently there: a task id is not proof of delivery.
   */
  async send(to: WorkNoticeTargets, msg: WorkNotice): Promise<string[]> {
    const api = 'topapi/message/corpconversation/asyncsend_v2';
    const calls: Json[] = to.toAllUser
      ? [{ to_all_user: true }]
      : [
          ...chunks(to.userIds ?? [], NOTICE_USERS).map((ids) => ({ userid_list: ids.join(',') })),
          ...chunks(to.deptIds ?? [], NOTICE_DEPTS).map((ids) => ({ dept_id_list: ids.join(',') })),
        ];
    const taskIds: string[] = [];
    for (const target of calls) {
      const data = await this.transport.call(api, {
        host: 'oapi',
        method: 'POST',
        path: '/topapi/message/corpconversation/asyncsend_v2',
        data: { agent_id: Number(this.agentId), ...target, msg },
        auth: 'query',
      });
      taskIds.push(String(this.transport.parse(api, noticeSchema, data).task_id));
    }
    return taskIds;
  }
}
