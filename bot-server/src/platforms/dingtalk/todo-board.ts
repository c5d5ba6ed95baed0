// The approval mirror's TodoBoard on DingTalk 待办: owners are unionIds, a to-do opens its mini-app
// page inside DingTalk, and DingTalk's answers are judged by the error table of platform-additions §5.
import { appUrl, dingTalkOpenLink } from '@kelian/cards';
import type { TodoBoard } from '../../domain/approvals/todo-board.js';
import type { DingTalkClient } from './client.js';
import { DingTalkApiError } from './errors.js';

/** `todo.taskUpdate.paramError` "task not exist": the 待办 was deleted in DingTalk. */
const isGone = (error: unknown) =>
  error instanceof DingTalkApiError &&
  error.code.endsWith('.paramError') &&
  /task not exist/i.test(error.message);

/**
 * Refused for good: a paramError (oversize subject, invalid dueTime, another app's task), or a
 * userid the organisation does not have (60121). flowControlError, lockError, systemError and
 * outages are not: they are tried again later.
 */
function refusal(error: unknown): string | undefined {
  if (!(error instanceof DingTalkApiError)) return undefined;
  return error.code.endsWith('.paramError') || error.code === '60121' ? error.message : undefined;
}

export function dingTalkTodoBoard(client: DingTalkClient, appBaseUrl: () => string): TodoBoard {
  return {
    async ownerOf(userId) {
      return (await client.getUser(userId)).unionId;
    },
    create(owner, sourceId, content) {
      // Inside DingTalk, phone or desktop (the desktop client opens it in its side panel).
      const link = dingTalkOpenLink(appUrl(appBaseUrl(), content.path));
      return client.createTodo(owner, {
        sourceId,
        subject: content.subject,
        description: content.description,
        executorIds: [owner],
        detailUrl: { appUrl: link, pcUrl: link },
        isOnlyShowExecutor: true,
        priority: 20,
      });
    },
    find: (owner, sourceId) => client.findTodo(owner, sourceId),
    async markDone(owner, id) {
      try {
        await client.updateTodo(owner, id, { done: true });
      } catch (error) {
        if (!isGone(error)) throw error;
      }
    },
    refusal,
  };
}
