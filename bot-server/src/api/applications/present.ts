import type { ApplicationStatus, ApplicationType } from '@kelian/orm';
import { applicationDocType } from '../../domain/applications/codes.js';
import type { ShownApplication } from '../../domain/applications/list.js';
import { applicationStatusLabels } from './schemas.js';

export const typeJsonOf = (type: ApplicationType) => ({
  id: type.id,
  docType: applicationDocType(type.id),
  name: type.name,
  icon: type.icon ?? null,
  color: type.color ?? null,
  fields: type.fields,
  active: type.active,
});

export function applicationJsonOf({ application, approvalId, rows }: ShownApplication) {
  return {
    id: application.id,
    type: {
      id: application.type.id,
      name: application.type.name,
      icon: application.type.icon ?? null,
      color: application.type.color ?? null,
    },
    applicant: { id: application.applicant.id, name: application.applicant.name },
    customer: application.customer ? { id: application.customer.id, name: application.customer.name } : null,
    values: application.values,
    rows,
    status: application.status,
    statusLabel: applicationStatusLabels[application.status as ApplicationStatus],
    approvalId,
    decidedAt: application.decidedAt?.toISOString() ?? null,
    createdAt: application.createdAt.toISOString(),
  };
}
