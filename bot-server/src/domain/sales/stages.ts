import { ensureStageGateType, type PipelineStage, PipelineStageSchema, type StageOutcome } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { NotPermittedError, NotVisibleError } from '../access/errors.js';
import { requireAdministration } from '../access/policy.js';
import { audit, auditCreated } from '../audit/audit.js';
import { changesBetween } from '../audit/changes.js';
import { InvalidInputError } from '../errors.js';

// The pipeline's stages. Everyone reads them (the kanban, the bot); only an admin shapes them.
// A stage is deactivated rather than deleted: deals and their history still point at it. Positions
// are the order the pipeline shows, 1, 2, 3 …: putting a stage at a position moves the others down
// rather than tying with one of them (two stages at one position would show in either order).

/** The active stages in pipeline order: open stages first by position, then won, then lost. */
export async function activeStages(em: EntityManager): Promise<PipelineStage[]> {
  const stages = await em.find(
    PipelineStageSchema,
    { active: true },
    { orderBy: { position: 'asc', id: 'asc' } },
  );
  const rank = (outcome: StageOutcome) => ['open', 'won', 'lost'].indexOf(outcome);
  return stages.sort((a, b) => rank(a.outcome) - rank(b.outcome));
}

export type StageMatch =
  | { kind: 'one'; stage: PipelineStage }
  | { kind: 'many'; stages: PipelineStage[] }
  | { kind: 'none' };

/**
 * The stage a person means by a word: the stage of exactly that name, else the only stage whose
 * name contains it (谈判 → 商务谈判). People type the short form; a guess among several is refused.
 */
export function stageNamed(stages: PipelineStage[], word: string): StageMatch {
  const wanted = word.trim().toLowerCase();
  if (!wanted) return { kind: 'none' };
  const exact = stages.find((s) => s.name.toLowerCase() === wanted);
  if (exact) return { kind: 'one', stage: exact };
  const partial = stages.filter((s) => s.name.toLowerCase().includes(wanted));
  if (partial.length === 1) return { kind: 'one', stage: partial[0]! };
  return partial.length > 1 ? { kind: 'many', stages: partial } : { kind: 'none' };
}

/** The active stage a closed deal goes to on won or lost. */
export async function closingStage(em: EntityManager, outcome: 'won' | 'lost'): Promise<PipelineStage> {
  const stage = (await activeStages(em)).find((s) => s.outcome === outcome);
  if (!stage) throw new NotPermittedError('no-stage', { outcome });
  return stage;
}

/** An active open stage a deal may be moved to; `field` names the input for the refusal. */
export async function openStage(em: EntityManager, id: number, field = 'stageId'): Promise<PipelineStage> {
  const stage = await em.findOne(PipelineStageSchema, { id, active: true });
  if (!stage) throw new InvalidInputError(field, '阶段不存在或已停用');
  if (stage.outcome !== 'open') throw new InvalidInputError(field, '赢单和输单请使用“赢单”“输单”操作');
  return stage;
}

/**
 * Numbers the active stages 1, 2, 3 … in pipeline order, with `moved` put at `position` among the
 * stages of its outcome (the open stages come first whatever the numbers; won and lost close it).
 */
async function renumber(em: EntityManager, moved: PipelineStage, position: number) {
  const others = (await activeStages(em)).filter((s) => s !== moved);
  const group = others.filter((s) => s.outcome === moved.outcome);
  const before = group.slice(0, Math.max(position - 1, 0)).at(-1);
  const at = before ? others.indexOf(before) + 1 : others.findIndex((s) => s.outcome === moved.outcome);
  others.splice(at < 0 ? others.length : at, 0, moved);
  others.forEach((s, i) => {
    s.position = i + 1;
  });
}

export interface StageInput {
  name?: string;
  position?: number;
  probability?: number;
  stalledAfterDays?: number | null;
  outcome?: StageOutcome;
  active?: boolean;
  /** A stage gate: deals enter it through a 阶段审批 (applications/stage-gate.ts). */
  requiresApproval?: boolean;
}

function refuseNonAdmin(acting: Acting) {
  requireAdministration(acting, 'stages');
}

const snapshot = (s: PipelineStage) => ({
  name: s.name,
  position: s.position,
  probability: s.probability,
  stalledAfterDays: s.stalledAfterDays,
  outcome: s.outcome,
  active: s.active,
  requiresApproval: s.requiresApproval,
});

async function refuseTakenName(em: EntityManager, name: string | undefined, id?: number) {
  if (name === undefined) return;
  const taken = await em.count(PipelineStageSchema, { name, ...(id !== undefined && { id: { $ne: id } }) });
  if (taken > 0) throw new InvalidInputError('name', '已有同名阶段');
}

export async function createStage(
  em: EntityManager,
  acting: Acting,
  input: StageInput & { name: string },
): Promise<PipelineStage> {
  refuseNonAdmin(acting);
  return em.transactional(async (tx) => {
    await refuseTakenName(tx, input.name);
    const { position, ...fields } = input;
    const stage = tx.create(PipelineStageSchema, { outcome: 'open', ...fields, position: 0 });
    await renumber(tx, stage, position ?? Number.MAX_SAFE_INTEGER);
    if (stage.requiresApproval) await ensureStageGateType(tx);
    await auditCreated(tx, acting, 'stage', stage, snapshot);
    return stage;
  });
}

/** Rename, reorder, probability, stalled limit, (de)activation. */
export async function updateStage(
  em: EntityManager,
  acting: Acting,
  id: number,
  input: StageInput,
): Promise<PipelineStage> {
  refuseNonAdmin(acting);
  return em.transactional(async (tx) => {
    const stage = await tx.findOne(PipelineStageSchema, { id });
    if (!stage) throw new NotVisibleError('stage');
    await refuseTakenName(tx, input.name, id);
    const before = snapshot(stage);
    const { position, ...fields } = input;
    tx.assign(stage, fields);
    if (position !== undefined) await renumber(tx, stage, position);
    // Its 阶段审批 type exists from now on, so its flow can be set before the first move asks.
    if (stage.requiresApproval) await ensureStageGateType(tx);
    audit(tx, acting, {
      action: 'update',
      objectType: 'stage',
      objectId: id,
      changes: changesBetween(before, snapshot(stage)),
    });
    await tx.flush();
    return stage;
  });
}
