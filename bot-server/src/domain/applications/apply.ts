import { type Application, ApplicationSchema, ApplicationTypeSchema, UserSchema } from '@kelian/orm';
import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { NotVisibleError, RefusedError } from '../access/errors.js';
import { requireRight } from '../access/policy.js';
import type { ApprovalNotices } from '../approvals/notices.js';
import { submitForApproval } from '../approvals/submit.js';
import { auditCreated } from '../audit/audit.js';
import { applicationDocType } from './codes.js';
import { checkValues } from './field-values.js';

// 新建申请: an application of an administrator's type is written and sent through the type's flow
// in one transaction (a refused submission, no flow for instance, leaves nothing behind); one
// rejected or withdrawn is changed and sent again by its applicant.

export interface ApplyInput {
  typeId: number;
  values: Record<string, unknown>;
  /** Approvers the applicant picks for the flow's 发起人自选 steps, by step. */
  picks?: Record<string, number[]>;
}

const customerOf = (fields: { key: string; kind: string }[], values: Record<string, unknown>) => {
  const field = fields.find((f) => f.kind === 'customer' && typeof values[f.key] === 'number');
  return field ? (values[field.key] as number) : null;
};

export function apply(
  em: EntityManager,
  acting: Acting,
  input: ApplyInput,
  notices: ApprovalNotices,
): Promise<{ application: Application; approvalId: number }> {
  requireRight(acting.access, 'application', 'edit');
  return em.transactional(async (tx) => {
    const type = await tx.findOne(ApplicationTypeSchema, input.typeId);
    if (!type) throw new NotVisibleError('applicationType');
    if (type.purpose) throw new RefusedError('application-type-builtin', { name: type.name });
    if (!type.active) throw new RefusedError('application-type-retired', { name: type.name });
    const values = await checkValues(tx, acting.access, type.fields, input.values);
    const application = tx.create(ApplicationSchema, {
      type,
      applicant: tx.getReference(UserSchema, acting.user.id),
      values,
      customer: customerOf(type.fields, values),
    });
    await auditCreated(tx, acting, 'application', application, (a) => ({ type: type.name, ...a.values }));
    const run = await submitForApproval(
      tx,
      acting,
      applicationDocType(type.id),
      application.id,
      notices,
      input.picks,
    );
    return { application, approvalId: run.id };
  });
}

/** Changes a rejected or withdrawn application and sends it again (a new run of the current flow). */
export function resubmit(
  em: EntityManager,
  acting: Acting,
  id: number,
  input: Omit<ApplyInput, 'typeId'>,
  notices: ApprovalNotices,
): Promise<{ application: Application; approvalId: number }> {
  requireRight(acting.access, 'application', 'edit');
  return em.transactional(async (tx) => {
    const application = await tx.findOne(
      ApplicationSchema,
      { id, applicant: acting.user.id },
      { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['type'] },
    );
    if (!application) throw new NotVisibleError('application');
    if (application.type.purpose)
      throw new RefusedError('application-type-builtin', { name: application.type.name });
    if (application.status !== 'rejected' && application.status !== 'withdrawn')
      throw new RefusedError('application-not-submittable', { status: application.status });
    const values = await checkValues(tx, acting.access, application.type.fields, input.values);
    tx.assign(application, { values, customer: customerOf(application.type.fields, values) });
    const run = await submitForApproval(
      tx,
      acting,
      applicationDocType(application.type.id),
      application.id,
      notices,
      input.picks,
    );
    return { application, approvalId: run.id };
  });
}
