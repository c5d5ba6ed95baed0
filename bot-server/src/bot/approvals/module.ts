import { flowVersionDocs } from '../../api/approval-flows/docs.js';
import { flowVersionsRouter } from '../../api/approval-flows/routes.js';
import { approvalDocs } from '../../api/approvals/docs.js';
import { approvalsRouter } from '../../api/approvals/routes.js';
import { attachmentDocs } from '../../api/contracts/attachment-docs.js';
import { contractAttachmentsRouter } from '../../api/contracts/attachment-routes.js';
import { contractDocs } from '../../api/contracts/docs.js';
import { contractsRouter } from '../../api/contracts/routes.js';
import { cardNotices } from '../../domain/approvals/notices.js';
import type { KelianModule } from '../../modules/contract.js';
import { oneByOne } from '../cards/presenter.js';
import { approvalActions } from './actions.js';
import { approvalCard } from './approval-card.js';
import { approvalCommands } from './commands.js';
import { contractJobs, enqueueContractExpiry } from './contract-jobs.js';
import { approvalReminderJobs, enqueueApprovalReminders } from './reminder-jobs.js';
import { QueueApprovalTodos, todoJobs } from './todo-jobs.js';

/**
 * Approval flows and the documents sent through them (contracts first): the API, the approval
 * cards in people's chats (every copy kept current) and their buttons, the approvers' DingTalk 待办;
 * the bot's 审批 and 合同; 催办 and 超时转交 of tasks left pending (a scan every ten minutes).
 */
export const approvalsModule: KelianModule = {
  name: 'approvals',
  register(ctx) {
    contractJobs(ctx);
    todoJobs(ctx);
    const notices = cardNotices(ctx.notifier, new QueueApprovalTodos(ctx.queue));
    approvalActions(notices)(ctx);
    approvalReminderJobs(notices)(ctx);
    approvalCommands(ctx);
  },
  cards: (config) => ({ approval: oneByOne(approvalCard(config.displayTimeZone)) }),
  api: {
    routers: (deps) => [
      contractsRouter(deps),
      contractAttachmentsRouter(deps),
      approvalsRouter(deps),
      flowVersionsRouter(deps),
    ],
    docs: () => [...contractDocs, ...attachmentDocs, ...approvalDocs, ...flowVersionDocs],
  },
  start: async ({ queue }) => {
    await enqueueContractExpiry(queue);
    await enqueueApprovalReminders(queue);
  },
};
