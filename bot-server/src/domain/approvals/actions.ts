import {
  ApprovalFlowSchema,
  type ApprovalInstance,
  type FieldAction,
  type FlowDefinition,
} from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import { RefusedError } from '../access/errors.js';
import type { Auditor } from '../audit/audit.js';
import type { ApprovableDocument } from './document.js';
import { documentTypeOf } from './document-type-of.js';

// Post-approval actions (Cordys' 审批后操作): an approver step's own when that step approves, the
// flow's when the run is approved; each sets a field of the document, in the transaction of the
// decision. Checked when the flow is saved, so a run carries out only actions its type can take.

/** Refuses an action on a field the type does not let flows set, or with a value it would not take. */
export function validateActions(definition: FlowDefinition, type: ApprovableDocument): void {
  const lists = [
    { node: '审批通过后', actions: definition.onApproved ?? [] },
    ...definition.nodes.flatMap((n) =>
      n.kind === 'approve' ? [{ node: n.name, actions: n.onApprove ?? [] }] : [],
    ),
  ];
  for (const { node, actions } of lists)
    for (const action of actions) {
      const target = type.settable?.[action.set];
      if (!target) throw new RefusedError('flow-action-field-unknown', { node, field: action.set });
      const from = action.from === undefined ? undefined : type.fields[action.from];
      if ((action.from === undefined) === (action.value === undefined))
        throw new RefusedError('flow-action-invalid', { node, field: target.label });
      if (action.from !== undefined && (!from || from.kind !== target.kind))
        throw new RefusedError('flow-action-invalid', { node, field: target.label });
      if (action.value !== undefined && action.value !== null && !target.accepts(action.value))
        throw new RefusedError('flow-action-invalid', { node, field: target.label });
    }
}

/** Carries out the actions of the run's step `at` (its approver node's), or of the flow's end. */
export async function runActions(
  ctx: { tx: EntityManager; auditor: Auditor },
  run: ApprovalInstance,
  at: number | 'end',
): Promise<void> {
  const flow = await ctx.tx.findOneOrFail(ApprovalFlowSchema, run.flow.id);
  let actions: readonly FieldAction[] | undefined;
  if (at === 'end') actions = flow.definition.onApproved;
  else {
    const node = flow.definition.nodes.find((n) => n.id === run.route[at]?.nodeId);
    actions = node?.kind === 'approve' ? node.onApprove : undefined;
  }
  if (!actions?.length) return;
  const type = await documentTypeOf(ctx.tx, run.docType);
  await type.act?.(ctx.tx, run.docId, actions, ctx.auditor);
}
