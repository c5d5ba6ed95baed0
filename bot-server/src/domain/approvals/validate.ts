import type { FlowDefinition, FlowNode } from '@kelian/orm';
import { RefusedError } from '../access/errors.js';

// A flow an administrator saves must lead every run to an end: no step may lead back to itself
// (a run would never finish) and every step must be reachable from the start (an unreachable one
// is a mistake the editor would silently keep). Each problem is refused with its own code.

const targetsOf = (node: FlowNode): (string | null)[] =>
  node.kind === 'condition' ? [...node.branches.map((b) => b.next), node.otherwise] : [node.next];

export function validateFlow(definition: FlowDefinition, knownFields: ReadonlySet<string>): void {
  const byId = new Map<string, FlowNode>();
  for (const node of definition.nodes) {
    if (byId.has(node.id)) throw new RefusedError('flow-node-duplicate', { node: node.name });
    byId.set(node.id, node);
  }
  const nameOf = (id: string) => byId.get(id)?.name ?? id;
  if (definition.start !== null && !byId.has(definition.start))
    throw new RefusedError('flow-node-unknown', { node: definition.start });
  for (const node of definition.nodes) {
    for (const target of targetsOf(node))
      if (target !== null && !byId.has(target)) throw new RefusedError('flow-node-unknown', { node: target });
    if (node.kind === 'condition')
      for (const branch of node.branches)
        for (const c of branch.when) {
          if (!knownFields.has(c.field) && c.field !== 'submitter')
            throw new RefusedError('flow-field-unknown', { node: node.name, field: c.field });
          const count = c.op === 'between' ? 2 : c.op.startsWith('in_') ? -1 : 1;
          if (count === -1 ? c.value.length === 0 : c.value.length !== count)
            throw new RefusedError('flow-condition-invalid', { node: node.name, field: c.field });
        }
    if (
      node.kind !== 'condition' &&
      node.approvers.type === 'field' &&
      !knownFields.has(node.approvers.field)
    )
      throw new RefusedError('flow-field-unknown', { node: node.name, field: node.approvers.field });
  }
  // Depth-first from the start: a node met again while still on the path closes a loop.
  const state = new Map<string, 'open' | 'done'>();
  const visit = (id: string, from: string | null) => {
    const seen = state.get(id);
    if (seen === 'open')
      throw new RefusedError('flow-loop', { from: from ? nameOf(from) : '', to: nameOf(id) });
    if (seen === 'done') return;
    state.set(id, 'open');
    for (const target of targetsOf(byId.get(id) as FlowNode)) if (target !== null) visit(target, id);
    state.set(id, 'done');
  };
  if (definition.start !== null) visit(definition.start, null);
  const unreachable = definition.nodes.find((n) => !state.has(n.id));
  if (unreachable) throw new RefusedError('flow-unreachable', { node: unreachable.name });
}

/** Longest wait a flow may set: a month. Longer is a typo, not a rule anyone follows. */
export const maxWaitHours = 720;

/**
 * 催办 and 超时转交 in whole hours: a reminder after 1 to 720 hours, the hand-over (if any) after
 * the reminder, or the approver would be handed off without ever having been reminded.
 */
export function validateTimers(remindAfterHours: number, escalateAfterHours: number | null): void {
  const valid = (h: number) => Number.isInteger(h) && h > 0 && h <= maxWaitHours;
  if (!valid(remindAfterHours))
    throw new RefusedError('flow-remind-invalid', { hours: remindAfterHours, max: maxWaitHours });
  if (escalateAfterHours === null) return;
  if (!valid(escalateAfterHours) || escalateAfterHours <= remindAfterHours)
    throw new RefusedError('flow-escalate-invalid', {
      hours: escalateAfterHours,
      remind: remindAfterHours,
      max: maxWaitHours,
    });
}
