import {
  type ApprovalAction,
  ApprovalActionSchema,
  type ApprovalFlow,
  type ApprovalInstance,
  ApprovalInstanceSchema,
  type ApprovalTask,
  ApprovalTaskSchema,
} from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { NotVisibleError } from '../access/errors.js';
import { mayReadRun } from './run-lock.js';

// One run as its page shows it: the document as submitted, the route with each step's people and
// what they did, the timeline of actions, and the acting user's own pending task (their buttons).

export interface RunDetail {
  run: ApprovalInstance;
  flow: ApprovalFlow;
  tasks: ApprovalTask[];
  actions: ApprovalAction[];
  myTask: ApprovalTask | null;
}

export async function runDetail(em: EntityManager, acting: Acting, id: number): Promise<RunDetail> {
  const run = await em.findOne(ApprovalInstanceSchema, id, { populate: ['submitter', 'flow'] });
  if (!run) throw new NotVisibleError('approval');
  const tasks = await em.find(
    ApprovalTaskSchema,
    { instance: id },
    { orderBy: { step: 'asc', position: 'asc', id: 'asc' }, populate: ['approver'] },
  );
  const mine = tasks.filter((t) => t.approver.id === acting.user.id);
  if (!mayReadRun(acting, run, mine)) throw new NotVisibleError('approval');
  const actions = await em.find(
    ApprovalActionSchema,
    { instance: id },
    { orderBy: { id: 'asc' }, populate: ['actor'] },
  );
  const myTask =
    run.status === 'pending'
      ? (mine.find((t) => t.status === 'pending' && t.step === run.currentStep) ?? null)
      : null;
  return { run, flow: run.flow, tasks, actions, myTask };
}
