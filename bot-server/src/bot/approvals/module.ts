import { approvalDocs } from '../../api/approvals/docs.js';
import { approvalsRouter } from '../../api/approvals/routes.js';
import { attachmentDocs } from '../../api/contracts/attachment-docs.js';
import { contractAttachmentsRouter } from '../../api/contracts/attachment-routes.js';
import { contractDocs } from '../../api/contracts/docs.js';
import { contractsRouter } from '../../api/contracts/routes.js';
import type { KelianModule } from '../../modules/contract.js';
import { contractJobs, enqueueContractExpiry } from './contract-jobs.js';

/**
 * Approval flows and the documents sent through them (contracts first). Its cards, card actions,
 * bot commands and DingTalk 待办 come next (issue 14); today its messages are texts
 * (domain/approvals/notices.ts).
 */
export const approvalsModule: KelianModule = {
  name: 'approvals',
  register: contractJobs,
  api: {
    routers: (deps) => [contractsRouter(deps), contractAttachmentsRouter(deps), approvalsRouter(deps)],
    docs: () => [...contractDocs, ...attachmentDocs, ...approvalDocs],
  },
  start: ({ queue }) => enqueueContractExpiry(queue),
};
