import { salesDocs } from '../../api/sales/docs.js';
import { dealGridDocs } from '../../api/sales/grid-docs.js';
import { dealGridRouter } from '../../api/sales/grid-routes.js';
import { salesRouter } from '../../api/sales/routes.js';
import type { KelianModule } from '../../modules/contract.js';
import { oneByOne } from '../cards/presenter.js';
import { dealGroupFeature } from './deal-group.js';
import { salesFeature } from './feature.js';
import { enqueueStalledDealScan, stalledDealFeature, stalledDealJobs } from './stalled.js';
import { stalledDealCard } from './stalled-card.js';

/** Opportunities through their stages, targets, and the alert on a deal that stays too long. */
export const salesModule: KelianModule = {
  name: 'sales',
  register(ctx) {
    salesFeature(ctx);
    dealGroupFeature(ctx);
    stalledDealFeature(ctx);
    stalledDealJobs(ctx);
  },
  cards: () => ({ stalled_deal: oneByOne(stalledDealCard) }),
  api: {
    // The grid's routes before /opportunities/:id, which would take /opportunities/grid for an id.
    routers: (deps) => [dealGridRouter(deps), salesRouter(deps)],
    docs: () => [...salesDocs, ...dealGridDocs],
  },
  start: ({ queue }) => enqueueStalledDealScan(queue),
};
