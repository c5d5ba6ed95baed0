import { quoteDocs } from '../../api/quotes/docs.js';
import { quotesRouter } from '../../api/quotes/routes.js';
import type { KelianModule } from '../../modules/contract.js';
import { quoteFeature } from './feature.js';
import { enqueueQuoteExpiry, quoteJobs } from './jobs.js';

/** Quotes: written from the catalogue, approved below the floor price, turned into contracts, sent as PDF. */
export const quotesModule: KelianModule = {
  name: 'quotes',
  register(ctx) {
    quoteFeature(ctx);
    quoteJobs(ctx);
  },
  api: { routers: (deps) => [quotesRouter(deps)], docs: () => quoteDocs },
  start: ({ queue }) => enqueueQuoteExpiry(queue),
};
