import { leadsDocs } from '../../api/leads/docs.js';
import { leadsRouter } from '../../api/leads/routes.js';
import { assignmentRulesDocs } from '../../api/leads/rules-docs.js';
import { assignmentRulesRouter } from '../../api/leads/rules-routes.js';
import type { KelianModule } from '../../modules/contract.js';
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
  cards: { lead: leadCard },
  api: {
    routers: (deps) => [leadsRouter(deps), assignmentRulesRouter(deps)],
    docs: () => [...leadsDocs, ...assignmentRulesDocs],
  },
};
