import type { Opportunity, StageChange } from '@kelian/orm';
import type { Access } from '../../domain/access/access.js';
import { ruleOf } from '../../domain/access/field-rules.js';
import type { PendingGate } from '../../domain/applications/stage-gate.js';
import type { BoardColumn } from '../../domain/sales/board.js';
import { presentOpportunity, stageRecord } from '../../domain/sales/records.js';
import type { SheetTeam } from '../../domain/sales/target-sheet.js';
import type { TargetWithAchieved } from '../../domain/sales/targets.js';
import { encodeCursor } from '../customers/cursor.js';

// Deals as JSON, through the domain's record (and so the one presenter).

export const opportunityJsonOf = presentOpportunity;

export const historyJsonOf = (changes: StageChange[]) =>
  changes.map((c) => ({
    from: c.fromStage ? stageRecord(c.fromStage) : null,
    to: stageRecord(c.toStage),
    by: c.by ? { id: c.by.id, name: c.by.name } : null,
    at: c.at,
    note: c.note ?? null,
  }));

export const detailJsonOf = (access: Access, deal: Opportunity, changes: StageChange[]) => ({
  ...presentOpportunity(access, deal),
  history: historyJsonOf(changes),
});

/** A column's total would tell a hidden or masked amount: it is shown only to who sees amounts. */
/** A column's deals, and the cursor of its next page (GET /opportunities/board/stages/:id). */
export const boardPageJsonOf = (access: Access, page: Pick<BoardColumn, 'deals' | 'next'>) => ({
  items: page.deals.map((d) => presentOpportunity(access, d)),
  nextCursor: page.next && encodeCursor(page.next),
});

export const boardJsonOf = (access: Access, columns: BoardColumn[]) => {
  const seesAmounts = ['editable', 'readonly'].includes(ruleOf(access, 'opportunity', 'amountCents'));
  return {
    columns: columns.map((c) => ({
      stage: stageRecord(c.stage),
      count: c.count,
      ...(seesAmounts && { amountCents: c.amountCents }),
      ...boardPageJsonOf(access, c),
    })),
  };
};

/** The board's deals waiting for a 阶段审批: shown 待审批, with the stage asked for. */
export const gatedJsonOf = (gates: ReadonlyMap<number, PendingGate>) =>
  [...gates].map(([opportunityId, gate]) => ({ opportunityId, ...gate }));

export const targetJsonOf = ({ target, achievedCents }: TargetWithAchieved) => ({
  id: target.id,
  user: target.user ? { id: target.user.id, name: target.user.name } : null,
  department: target.department ? { id: target.department.id, name: target.department.name } : null,
  month: target.month,
  amountCents: target.amountCents,
  achievedCents,
});

export const targetSheetJsonOf = (month: string, teams: SheetTeam[]) => ({
  month,
  teams: teams.map((t) => ({
    department: t.department ? { id: t.department.id, name: t.department.name } : null,
    depth: t.depth,
    amountCents: t.amountCents,
    achievedCents: t.achievedCents,
    members: t.members.map((m) => ({
      user: { id: m.user.id, name: m.user.name, title: m.user.title ?? null },
      amountCents: m.amountCents,
      achievedCents: m.achievedCents,
    })),
  })),
});
