import type { ApproverSource, FlowDefinition, FlowNode, NoApproverRule, RouteStep } from '@kelian/orm';
import { conditionHolds, type UserFacts } from './conditions.js';

// Route evaluation, pure: a flow, a document and its submitter in; the steps the run will take and
// who approves each out. The same answer serves a submission (stored on the run) and the admin's
// preview ("which path does a ¥600,000 contract take, and who approves it").

/** What routing needs to know of the company: active people only. */
export interface OrgDirectory {
  facts(userId: number): UserFacts | undefined;
  managerOf(userId: number): number | undefined;
  departmentOf(userId: number): number | undefined;
  parentOf(departmentId: number): number | undefined;
  headOf(departmentId: number): number | undefined;
  withRole(code: string): number[];
  administrators(): number[];
}

export interface RouteInput {
  definition: FlowDefinition;
  onNoApprover: NoApproverRule;
  /** The document's fields, as conditions and user fields read them. */
  values: Readonly<Record<string, unknown>>;
  submitterId: number;
  /** The submitter's choices for `submitter_pick` steps, by node id. */
  picks?: Readonly<Record<string, number[]>>;
}

const adminStepName = '管理员审批';

export function resolveRoute(input: RouteInput, org: OrgDirectory): RouteStep[] {
  const { definition, onNoApprover, submitterId } = input;
  const values: Readonly<Record<string, unknown>> = { ...input.values, submitter: submitterId };
  const byId = new Map(definition.nodes.map((n) => [n.id, n]));
  const steps: RouteStep[] = [];
  let at = definition.start;
  // A saved flow has no loop (validate.ts); the bound keeps a hand-written one from spinning.
  for (let hops = 0; at !== null && hops <= definition.nodes.length; hops++) {
    const node = byId.get(at);
    if (!node) break;
    if (node.kind === 'condition') {
      const branch = node.branches.find((b) =>
        b.when.every((c) => conditionHolds(c, values[c.field], (id) => org.facts(id))),
      );
      at = branch ? branch.next : node.otherwise;
      // No branch for this document: the flow's rule for "nobody to ask" decides.
      if (!branch && at === null && onNoApprover === 'admin') steps.push(adminStep(org));
      continue;
    }
    const step = stepOf(node, input, values, org);
    if (step) steps.push(step);
    at = node.next;
  }
  return steps;
}

function adminStep(org: OrgDirectory): RouteStep {
  return {
    nodeId: 'admin',
    name: adminStepName,
    kind: 'approve',
    mode: 'any',
    approverIds: org.administrators(),
    fallback: 'admin',
  };
}

function stepOf(
  node: Exclude<FlowNode, { kind: 'condition' }>,
  input: RouteInput,
  values: Readonly<Record<string, unknown>>,
  org: OrgDirectory,
): RouteStep | undefined {
  const approverIds = approversOf(node.approvers, node.id, input, values, org);
  const mode =
    node.kind === 'cc' ? 'all' : node.approvers.type === 'manager_chain' ? 'sequential' : node.mode;
  const step = { nodeId: node.id, name: node.name, kind: node.kind, mode } as const;
  if (approverIds.length > 0) return { ...step, approverIds };
  if (node.kind === 'cc') return undefined;
  return input.onNoApprover === 'admin'
    ? { ...step, mode: 'any', approverIds: org.administrators(), fallback: 'admin' }
    : { ...step, approverIds: [], fallback: 'auto_pass' };
}

function approversOf(
  source: ApproverSource,
  nodeId: string,
  input: RouteInput,
  values: Readonly<Record<string, unknown>>,
  org: OrgDirectory,
): number[] {
  const active = (ids: readonly unknown[]) =>
    [...new Set(ids)].filter((id): id is number => typeof id === 'number' && org.facts(id) !== undefined);
  switch (source.type) {
    case 'user':
      return active(source.userIds);
    case 'role':
      return active(org.withRole(source.role));
    case 'manager':
      return active(managersUp(input.submitterId, source.level, org).slice(source.level - 1, source.level));
    case 'manager_chain':
      return active(managersUp(input.submitterId, source.upTo, org));
    case 'department_head':
      return active([departmentHead(input.submitterId, org)]);
    case 'submitter_pick':
      return active(input.picks?.[nodeId] ?? []);
    case 'field':
      return active([values[source.field]]);
  }
}

/** The submitter's manager, theirs, … up to `levels` (fewer where the chain ends). */
function managersUp(userId: number, levels: number, org: OrgDirectory): number[] {
  const chain: number[] = [];
  let at = org.managerOf(userId);
  while (at !== undefined && chain.length < levels && !chain.includes(at)) {
    chain.push(at);
    at = org.managerOf(at);
  }
  return chain;
}

/** The head of the submitter's department; a head's own request goes to the head above. */
function departmentHead(userId: number, org: OrgDirectory): number | undefined {
  let department = org.departmentOf(userId);
  while (department !== undefined) {
    const head = org.headOf(department);
    if (head !== undefined && head !== userId) return head;
    department = org.parentOf(department);
  }
  return undefined;
}
