import type { EntityManager } from '@mikro-orm/postgresql';
import { type ApplicationField, ApplicationTypeSchema } from '../entities/application.js';
import type { FlowDefinition } from '../entities/approval.js';

// The 阶段审批 type (issue 14, Cordys #119 "防止商机在没有实质性进展的情况下进行流转"): a deal moved
// into a stage an administrator gated is not moved but asks for approval with this application;
// the move happens when it is approved. Its flow is edited on the flows page like any type's.

export const stageGatePurpose = 'stage_gate';

export const stageGateFields: ApplicationField[] = [
  { key: 'opportunity', label: '商机', kind: 'opportunity', required: true },
  { key: 'customer', label: '客户', kind: 'customer', required: true },
  { key: 'fromStage', label: '当前阶段', kind: 'text', required: true },
  { key: 'toStage', label: '申请进入', kind: 'text', required: true },
  // The stage's id, for the move on approval (its name may change meanwhile): not shown.
  { key: 'toStageId', label: '目标阶段', kind: 'number', required: true, hidden: true },
  { key: 'amount', label: '商机金额', kind: 'amount', required: false },
  { key: 'note', label: '说明', kind: 'text', required: false },
];

const defaultFlow: FlowDefinition = {
  start: 'manager',
  nodes: [
    {
      id: 'manager',
      kind: 'approve',
      name: '销售主管审批',
      approvers: { type: 'manager', level: 1 },
      mode: 'any',
      next: null,
    },
  ],
};

/** The 阶段审批 type (and its first flow), created the first time a stage is gated (or a database is emptied by a test). */
export async function ensureStageGateType(em: EntityManager): Promise<number> {
  // Two first gates at once: one inserts, the other finds it.
  await em.getConnection().execute(
    `insert into "application_type" ("name", "icon", "color", "fields", "purpose", "active", "created_at", "updated_at")
       values (?, ?, ?, ?::jsonb, ?, true, now(), now()) on conflict ("purpose") do nothing`,
    ['阶段审批', '阶', '#ff7d00', JSON.stringify(stageGateFields), stageGatePurpose],
    'run',
    em.getTransactionContext(),
  );
  const type = await em.findOneOrFail(
    ApplicationTypeSchema,
    { purpose: stageGatePurpose },
    { fields: ['id'] },
  );
  // A gate without a flow would refuse every move: it starts with the mover's manager (或签).
  await em.getConnection().execute(
    `insert into "approval_flow" ("doc_type", "version", "name", "definition", "on_no_approver", "created_at")
       values (?, 1, '阶段审批', ?::jsonb, 'admin', now()) on conflict do nothing`,
    [`application:${type.id}`, JSON.stringify(defaultFlow)],
    'run',
    em.getTransactionContext(),
  );
  return type.id;
}
