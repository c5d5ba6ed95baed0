import {
  type Application,
  type ApplicationField,
  ApplicationSchema,
  type ApplicationStatus,
  type ApplicationType,
  ApplicationTypeSchema,
  CustomerSchema,
  type FieldAction,
  stageGatePurpose,
} from '@kelian/orm';
import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import { RefusedError } from '../access/errors.js';
import type {
  ApprovableDocument,
  ApprovalOutcome,
  FieldKind,
  KeyFigure,
  SettableField,
} from '../approvals/document.js';
import { type Auditor, audit } from '../audit/audit.js';
import { applicationTypeIdOf } from './codes.js';
import { fitsKind } from './field-values.js';
import { shownRows } from './shown-value.js';
import { enterApprovedStage } from './stage-gate-settle.js';

// An administrator's type as an approval document, built from its row each time the engine asks
// (an edit of the type applies to the next run): flows branch on its fields (amounts in cents,
// people and customers by id), the card shows them as rows, the outcome is the application's
// status, and post-approval actions set its fields, or the credit limit of the customer it names.

const flowKinds: Record<ApplicationField['kind'], FieldKind> = {
  text: 'text',
  choice: 'text',
  number: 'number',
  amount: 'number',
  date: 'date',
  user: 'user',
  customer: 'number',
  opportunity: 'number',
};

/** The customer's credit limit, which a type naming a customer lets its flows set. */
export const creditLimitTarget = 'customer.creditLimitCents';

const resubmittable = new Set<ApplicationStatus>(['draft', 'rejected', 'withdrawn']);

const statusAfter: Record<ApprovalOutcome, ApplicationStatus> = {
  approved: 'approved',
  rejected: 'rejected',
  withdrawn: 'withdrawn',
};

/** The type's document, or null when `docType` names no administrator's type. */
export async function applicationDocument(
  em: EntityManager,
  docType: string,
): Promise<ApprovableDocument | null> {
  const typeId = applicationTypeIdOf(docType);
  const type = typeId === null ? null : await em.findOne(ApplicationTypeSchema, typeId);
  return type ? documentOf(type) : null;
}

function documentOf(type: ApplicationType): ApprovableDocument {
  const byKey = new Map(type.fields.map((f) => [f.key, f]));
  const settable: Record<string, SettableField> = Object.fromEntries(
    type.fields.map((f) => [
      f.key,
      { label: f.label, kind: flowKinds[f.kind], accepts: (v: unknown) => fitsKind(f, v) },
    ]),
  );
  if (type.fields.some((f) => f.kind === 'customer'))
    settable[creditLimitTarget] = {
      label: '客户信用额度（分）',
      kind: 'number',
      accepts: (v: unknown) => fitsKind({ kind: 'amount' }, v),
    };
  return {
    label: type.name,
    fields: Object.fromEntries(type.fields.map((f) => [f.key, { label: f.label, kind: flowKinds[f.kind] }])),
    settable,

    async submit(tx, acting, id) {
      const application = await tx.findOneOrFail(
        ApplicationSchema,
        { id },
        { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['customer'] },
      );
      // A new application, or one rejected or withdrawn and changed since: the applicant's to send.
      if (application.applicant.id !== acting.user.id || !resubmittable.has(application.status))
        throw new RefusedError('application-not-submittable', { status: application.status });
      application.status = 'pending';
      application.decidedAt = null;
      const about = application.customer?.name ?? acting.user.name;
      return {
        customerId: application.customer?.id ?? null,
        opportunityId: application.opportunity?.id ?? null,
        title: `${type.name} · ${about}`,
        values: { ...application.values },
      };
    },

    async figures(tx, snapshot) {
      // The first amount is the card's big figure; the other fields are its rows, in the type's order.
      const rows = await shownRows(tx, type.fields, snapshot);
      const amount = rows.find((r) => byKey.get(r.key)?.kind === 'amount');
      const customer = rows.find((r) => byKey.get(r.key)?.kind === 'customer');
      const figure = ({ label, value }: { label: string; value: string }): KeyFigure => ({ label, value });
      return {
        title: customer ? `${type.name} · ${customer.value}` : type.name,
        ...(amount && { emphasis: figure(amount) }),
        rows: rows.filter((r) => r !== amount).map(figure),
      };
    },

    async settle(tx, id, outcome, auditor, notices) {
      const application = await tx.findOneOrFail(
        ApplicationSchema,
        { id },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      const before = application.status;
      application.status = statusAfter[outcome];
      application.decidedAt = outcome === 'withdrawn' ? null : new Date();
      if (outcome === 'approved' && type.purpose === stageGatePurpose)
        await enterApprovedStage(tx, application, auditor, notices);
      audit(tx, auditor, {
        action: 'update',
        objectType: 'application',
        objectId: id,
        changes: { status: { before, after: application.status } },
      });
    },

    async act(tx, id, actions, auditor) {
      const application = await tx.findOneOrFail(
        ApplicationSchema,
        { id },
        { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['customer'] },
      );
      for (const action of actions) await applyAction(tx, application, byKey, action, auditor);
    },
  };
}

/** One post-approval action: the value given, or the one the application's field `from` holds. */
async function applyAction(
  tx: EntityManager,
  application: Application,
  byKey: ReadonlyMap<string, ApplicationField>,
  action: FieldAction,
  auditor: Auditor,
): Promise<void> {
  const value =
    action.from === undefined ? (action.value ?? null) : (application.values[action.from] ?? null);
  if (action.set === creditLimitTarget) {
    // Nothing to write when the application names no customer or leaves the amount empty.
    if (!application.customer || typeof value !== 'number') return;
    const customer = await tx.findOneOrFail(CustomerSchema, application.customer.id, {
      lockMode: LockMode.PESSIMISTIC_WRITE,
    });
    const before = customer.creditLimitCents ?? null;
    customer.creditLimitCents = value;
    audit(tx, auditor, {
      action: 'update',
      objectType: 'customer',
      objectId: customer.id,
      changes: { creditLimitCents: { before, after: value } },
    });
    return;
  }
  const field = byKey.get(action.set);
  if (!field) return;
  const before = application.values[field.key] ?? null;
  const values = { ...application.values };
  if (value === null) delete values[field.key];
  else values[field.key] = value;
  application.values = values;
  audit(tx, auditor, {
    action: 'update',
    objectType: 'application',
    objectId: application.id,
    changes: { [field.key]: { before, after: value } },
  });
}
