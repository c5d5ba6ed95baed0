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
import type { DocumentFigures } from './document.js';
import { documentTypeOf } from './document-type-of.js';
import { mayReadRun } from './run-lock.js';

// One run as its page shows it: the document as submitted, the route with each step's people and
// what they did, the timeline of actions, and the acting user's own pending task (their buttons).

export interface RunDetail {
  run: ApprovalInstance;
  flow: ApprovalFlow;
  tasks: ApprovalTask[];
  actions: ApprovalAction[];
  myTask: ApprovalTask | null;
  /** The document's figures as the approval card shows them (its type's own rows). */
  figures: DocumentFigures;
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
  const figures = await (await documentTypeOf(em, run.docType)).figures(em, run.snapshot);
  return { run, flow: run.flow, tasks, actions, myTask, figures };
}
