import { type ApprovalInstance, ApprovalInstanceSchema, UserSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { RefusedError } from '../access/errors.js';
import { loadDirectory } from './directory.js';
import { documentTypeOf } from './document-type-of.js';
import { currentFlow } from './flows.js';
import type { ApprovalNotices } from './notices.js';
import { resolveRoute } from './route.js';
import { log, openStep } from './steps.js';

// Sending a document through its type's current flow, in the caller's transaction: the document
// is locked and marked as under approval, the route resolved once and stored on the run (the run
// keeps its flow version and its approvers whatever changes later), the first step opened.
// A rejected document comes back here changed: a resubmission is a new run.

export async function submitForApproval(
  tx: EntityManager,
  acting: Acting,
  docType: string,
  docId: number,
  notices: ApprovalNotices,
  picks: Readonly<Record<string, number[]>> = {},
): Promise<ApprovalInstance> {
  const type = await documentTypeOf(tx, docType);
  const flow = await currentFlow(tx, docType);
  if (!flow) throw new RefusedError('flow-missing', { label: type.label });
  const submission = await type.submit(tx, acting, docId);
  const route = resolveRoute(
    {
      definition: flow.definition,
      onNoApprover: flow.onNoApprover,
      values: submission.values,
      submitterId: acting.user.id,
      picks,
    },
    await loadDirectory(tx),
  );
  // A step the submitter must staff: refused rather than passed or sent to the administrators.
  for (const step of route) {
    const node = flow.definition.nodes.find((n) => n.id === step.nodeId);
    if (node && node.kind !== 'condition' && node.approvers.type === 'submitter_pick' && step.fallback)
      throw new RefusedError('approval-pick-missing', { step: step.name });
  }
  const run = tx.create(ApprovalInstanceSchema, {
    flow,
    docType,
    docId,
    customer: submission.customerId,
    opportunity: submission.opportunityId,
    title: submission.title,
    submitter: await tx.findOneOrFail(UserSchema, acting.user.id),
    snapshot: submission.values,
    route,
  });
  log(tx, run, null, acting.user.id, 'submit', null);
  await openStep({ tx, auditor: acting, notices }, run, 0);
  await notices.submitted(tx, run);
  await tx.flush();
  return run;
}
