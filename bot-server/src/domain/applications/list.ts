import { type Application, ApplicationSchema, ApprovalInstanceSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { NotVisibleError } from '../access/errors.js';
import { mayOnOwned } from '../access/policy.js';
import { applicationDocType } from './codes.js';
import { shownRows } from './shown-value.js';

// 我的申请 and one application: the applicant sees theirs; a role reading applications sees those of
// the people in its scope (the approvers see the run on the approval page).

export interface ShownApplication {
  application: Application;
  /** Its latest run: the approval page the detail links to. */
  approvalId: number | null;
  rows: { key: string; label: string; value: string }[];
}

async function withRuns(em: EntityManager, applications: Application[]): Promise<ShownApplication[]> {
  if (applications.length === 0) return [];
  const runs = await em.find(
    ApprovalInstanceSchema,
    { $or: applications.map((a) => ({ docType: applicationDocType(a.type.id), docId: a.id })) },
    { fields: ['id', 'docId'], orderBy: { id: 'asc' } },
  );
  const latest = new Map(runs.map((r) => [r.docId, r.id]));
  const shown: ShownApplication[] = [];
  for (const application of applications)
    shown.push({
      application,
      approvalId: latest.get(application.id) ?? null,
      rows: await shownRows(em, application.type.fields, application.values),
    });
  return shown;
}

/** The user's own applications, newest first, a keyset page after `after`. */
export async function myApplications(
  em: EntityManager,
  acting: Acting,
  page: { limit: number; after?: number | undefined },
): Promise<{ items: ShownApplication[]; next: number | null }> {
  const rows = await em.find(
    ApplicationSchema,
    { applicant: acting.user.id, ...(page.after !== undefined && { id: { $lt: page.after } }) },
    { orderBy: { id: 'desc' }, limit: page.limit + 1, populate: ['type', 'customer', 'applicant'] },
  );
  const items = rows.slice(0, page.limit);
  return { items: await withRuns(em, items), next: rows.length > page.limit ? items.at(-1)!.id : null };
}

export async function applicationFor(
  em: EntityManager,
  acting: Acting,
  id: number,
): Promise<ShownApplication> {
  const application = await em.findOne(
    ApplicationSchema,
    { id },
    { populate: ['type', 'customer', 'applicant', 'applicant.department'] },
  );
  const mine = application?.applicant.id === acting.user.id;
  if (!application || (!mine && !mayOnOwned(acting.access, 'application', 'read', application.applicant)))
    throw new NotVisibleError('application');
  const [shown] = await withRuns(em, [application]);
  return shown!;
}
