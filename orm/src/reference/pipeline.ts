import type { EntityManager } from '@mikro-orm/postgresql';
import { PipelineStageSchema } from '../entities/opportunity.js';

// Every install needs a pipeline to put deals in; the admin renames, reorders and extends it.
// Created at start when there is none (a new database, or one emptied by a test), never over an
// admin's own stages.
const defaultStages = [
  { name: '初步接洽', probability: 10, stalledAfterDays: 14, outcome: 'open' },
  { name: '需求确认', probability: 30, stalledAfterDays: 14, outcome: 'open' },
  { name: '方案报价', probability: 50, stalledAfterDays: 10, outcome: 'open' },
  { name: '商务谈判', probability: 70, stalledAfterDays: 7, outcome: 'open' },
  { name: '赢单', probability: 100, stalledAfterDays: null, outcome: 'won' },
  { name: '输单', probability: 0, stalledAfterDays: null, outcome: 'lost' },
] as const;

/** Creates the default pipeline stages when there are none; answers how many it created. */
export async function ensureDefaultPipeline(em: EntityManager): Promise<number> {
  if ((await em.count(PipelineStageSchema)) > 0) return 0;
  defaultStages.forEach((stage, i) => {
    em.create(PipelineStageSchema, { ...stage, position: i + 1 });
  });
  await em.flush();
  return defaultStages.length;
}
