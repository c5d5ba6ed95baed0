import { leadsDocs } from '../../api/leads/docs.js';
import { leadGridDocs } from '../../api/leads/grid-docs.js';
import { leadGridRouter } from '../../api/leads/grid-routes.js';
import { leadsRouter } from '../../api/leads/routes.js';
import { assignmentRulesDocs } from '../../api/leads/rules-docs.js';
import { assignmentRulesRouter } from '../../api/leads/rules-routes.js';
import type { KelianModule } from '../../modules/contract.js';
import { oneByOne } from '../cards/presenter.js';
import { leadsFeature } from './feature.js';
import { leadCard } from './lead-card.js';
import { leadRecycleJobs } from './recycle-jobs.js';

/** Leads: from web forms, the bot and contact events; assignment rules, the claim pool, conversion. */
export const leadsModule: KelianModule = {
  name: 'leads',
  register(ctx) {
    leadsFeature(ctx);
    leadRecycleJobs(ctx);
  },
  cards: () => ({ lead: oneByOne(leadCard) }),
  api: {
    // The grid's routes before /leads/:id, which would take /leads/grid for an id.
    routers: (deps) => [leadGridRouter(deps), leadsRouter(deps), assignmentRulesRouter(deps)],
    docs: () => [...leadGridDocs, ...leadsDocs, ...assignmentRulesDocs],
  },
};
