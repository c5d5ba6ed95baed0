import { followUpsDocs } from '../../api/followups/docs.js';
import { followUpsRouter } from '../../api/followups/routes.js';
import type { KelianModule } from '../../modules/contract.js';
import { followUpsFeature } from './feature.js';
import { enqueueFollowUpRuns, followUpJobs } from './jobs.js';
import { taskCards } from './task-card.js';

/** The follow-up log, tasks with reminder cards, and the rules that create them. */
export const followUpsModule: KelianModule = {
  name: 'followups',
  register(ctx) {
    followUpsFeature(ctx.config.displayTimeZone)(ctx);
    followUpJobs(ctx.config.displayTimeZone, ctx.platforms.get)(ctx);
  },
  cards: () => ({ task: taskCards }),
  api: { routers: (deps) => [followUpsRouter(deps)], docs: () => followUpsDocs },
  start: ({ queue }) => enqueueFollowUpRuns(queue),
};
