import {
  type ApprovalFlow,
  ApprovalFlowSchema,
  type FlowDefinition,
  type NoApproverRule,
  type RouteStep,
  UserSchema,
} from '@kelian/orm';
import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { RefusedError } from '../access/errors.js';
import { requireAdministration } from '../access/policy.js';
import { audit } from '../audit/audit.js';
import { validateActions } from './actions.js';
import { loadDirectory } from './directory.js';
import { documentTypeOf } from './document-type-of.js';
import { resolveRoute } from './route.js';
import { validateFlow, validateTimers } from './validate.js';

// Approval flows as the administrator keeps them: one per document type, each save a new version
// (the runs already started keep theirs), checked before it is saved, previewed on any document.

export interface FlowInput {
  name: string;
  definition: FlowDefinition;
  onNoApprover: NoApproverRule;
  /** 催办 after this many hours pending; 超时转交 after `escalateAfterHours` (null: never). */
  remindAfterHours: number;
  escalateAfterHours: number | null;
}

/** A flow as checked and previewed: everything but its name. */
export type FlowRules = Omit<FlowInput, 'name'>;

/** The version new runs of this document type start with; none until an administrator saves one. */
export function currentFlow(em: EntityManager, docType: string): Promise<ApprovalFlow | null> {
  return em.findOne(ApprovalFlowSchema, { docType }, { orderBy: { version: 'desc' } });
}

export async function checkFlow(
  em: EntityManager,
  acting: Acting,
  docType: string,
  flow: FlowRules,
): Promise<void> {
  requireAdministration(acting, 'approvalFlows');
  const type = await documentTypeOf(em, docType);
  validateFlow(flow.definition, new Set(Object.keys(type.fields)));
  validateActions(flow.definition, type);
  validateTimers(flow.remindAfterHours, flow.escalateAfterHours);
}

export function saveFlowVersion(
  em: EntityManager,
  acting: Acting,
  docType: string,
  input: FlowInput,
): Promise<ApprovalFlow> {
  return em.transactional(async (tx) => {
    await checkFlow(tx, acting, docType, input);
    // Two saves at once: the second waits on the first's latest row and numbers after it.
    const latest = await tx.findOne(
      ApprovalFlowSchema,
      { docType },
      { orderBy: { version: 'desc' }, lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    const flow = tx.create(ApprovalFlowSchema, {
      docType,
      version: (latest?.version ?? 0) + 1,
      name: input.name,
      definition: input.definition,
      onNoApprover: input.onNoApprover,
      remindAfterHours: input.remindAfterHours,
      escalateAfterHours: input.escalateAfterHours,
      createdBy: tx.getReference(UserSchema, acting.user.id),
    });
    await tx.flush();
    audit(tx, acting, {
      action: 'create',
      objectType: 'approval_flow',
      objectId: flow.id,
      changes: { docType: { before: null, after: docType }, version: { before: null, after: flow.version } },
    });
    await tx.flush();
    return flow;
  });
}

/** Every document type with its current flow (null: none yet), for the administrator. */
export async function listFlows(em: EntityManager, acting: Acting, types: readonly string[]) {
  requireAdministration(acting, 'approvalFlows');
  return Promise.all(
    types.map(async (docType) => {
      const type = await documentTypeOf(em, docType);
      return {
        docType,
        label: type.label,
        fields: type.fields,
        settable: type.settable ?? {},
        flow: await currentFlow(em, docType),
      };
    }),
  );
}

/**
 * Every version saved of one document type's flow, newest first, with who saved it: the older ones
 * still decide the runs begun on them. Any type a flow can be set for, admin-named ones too.
 */
export async function flowVersions(
  em: EntityManager,
  acting: Acting,
  docType: string,
): Promise<ApprovalFlow[]> {
  requireAdministration(acting, 'approvalFlows');
  await documentTypeOf(em, docType);
  return em.find(ApprovalFlowSchema, { docType }, { orderBy: { version: 'desc' }, populate: ['createdBy'] });
}

export interface PreviewStep extends RouteStep {
  approvers: { id: number; name: string }[];
}

/**
 * Which path a document with these values takes and who approves each step, were `submitterId` to
 * submit it now: under the flow given (an unsaved draft) or else the current one.
 */
export async function previewRoute(
  em: EntityManager,
  acting: Acting,
  docType: string,
  input: { values: Record<string, unknown>; submitterId: number; flow?: FlowRules },
): Promise<PreviewStep[]> {
  if (input.flow) await checkFlow(em, acting, docType, input.flow);
  else requireAdministration(acting, 'approvalFlows');
  const flow = input.flow ?? (await currentFlow(em, docType));
  if (!flow) throw new RefusedError('flow-missing', { label: (await documentTypeOf(em, docType)).label });
  const steps = resolveRoute(
    {
      definition: flow.definition,
      onNoApprover: flow.onNoApprover,
      values: input.values,
      submitterId: input.submitterId,
    },
    await loadDirectory(em),
  );
  return withNames(em, steps);
}

async function withNames(em: EntityManager, steps: RouteStep[]): Promise<PreviewStep[]> {
  const ids = [...new Set(steps.flatMap((s) => s.approverIds))];
  const users = await em.find(UserSchema, { id: { $in: ids } }, { fields: ['id', 'name'] });
  const nameOf = new Map(users.map((u) => [u.id, u.name]));
  return steps.map((s) => ({
    ...s,
    approvers: s.approverIds.map((id) => ({ id, name: nameOf.get(id) ?? '' })),
  }));
}
