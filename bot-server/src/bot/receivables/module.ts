import { receivableDocs } from '../../api/receivables/docs.js';
import { refundsRouter } from '../../api/receivables/refund-routes.js';
import { receivablesRouter } from '../../api/receivables/routes.js';
import type { KelianModule } from '../../modules/contract.js';
import { oneByOne } from '../cards/presenter.js';
import { receivableCard } from './card.js';
import { receivableActions } from './feature.js';
import { enqueueReceivableReminders, receivableJobs } from './jobs.js';

/** Receivable plans and receipts (回款计划 / 回款记录), refunds, the reminders and the cards' answers. */
export const receivablesModule: KelianModule = {
  name: 'receivables',
  register(ctx) {
    receivableActions(ctx.config.displayTimeZone)(ctx);
    receivableJobs(ctx.config.displayTimeZone)(ctx);
  },
  cards: () => ({ receivable: oneByOne(receivableCard) }),
  api: { routers: (deps) => [receivablesRouter(deps), refundsRouter(deps)], docs: () => receivableDocs },
  start: ({ queue }) => enqueueReceivableReminders(queue),
};
