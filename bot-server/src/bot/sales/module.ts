import { salesDocs } from '../../api/sales/docs.js';
import { salesRouter } from '../../api/sales/routes.js';
import type { KelianModule } from '../../modules/contract.js';
import { salesFeature } from './feature.js';
import { enqueueStalledDealScan, stalledDealFeature, stalledDealJobs } from './stalled.js';
import { stalledDealCard } from './stalled-card.js';

/** Opportunities through their stages, targets, and the alert on a deal that stays too long. */
export const salesModule: KelianModule = {
  name: 'sales',
  register(ctx) {
    salesFeature(ctx);
    stalledDealFeature(ctx);
    stalledDealJobs(ctx);
  },
  cards: { stalled_deal: stalledDealCard },
  api: { routers: (deps) => [salesRouter(deps)], docs: () => salesDocs },
  start: ({ queue }) => enqueueStalledDealScan(queue),
};
