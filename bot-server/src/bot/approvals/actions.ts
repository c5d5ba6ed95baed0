import { randomBytes } from 'node:crypto';
import { approvalReasonText, buildApprovalReasonCard } from '@kelian/cards';
import { ApprovalInstanceSchema, ApprovalTaskSchema, CardInstanceSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import { actingAs } from '../../domain/access/acting.js';
import { decide } from '../../domain/approvals/decide.js';
import {
  type ApprovalCopy,
  type ApprovalNotices,
  parseApprovalVariant,
} from '../../domain/approvals/notices.js';
import { rejectReasonsOf } from '../../domain/approvals/reject-reasons.js';
import { withdraw } from '../../domain/approvals/withdraw.js';
import { audit } from '../../domain/audit/audit.js';
import type { BotFeature } from '../../modules/contract.js';
import type { ActionContext } from '../bot.js';
import { cardVariant } from '../cards/card-jobs.js';
import { statusLine } from './status-line.js';

// 同意 / 驳回 / 撤回 / 查看进度 on approval cards. A click counts only on the copy it came from: the
// card must be one Kelian sent for this run, to this person, for this step; anything else (someone
// else's card, a key that does not match its card) is a forgery, refused and audited. What is no
// longer pending (decided by a sibling, a step passed, a run ended) the engine refuses, saying why.

/** Whose copy the clicked card is, if it is a copy of run `runId` that Kelian sent to `platformUserId`. */
async function clickedCopy(
  em: EntityManager,
  ctx: ActionContext,
  runId: number,
): Promise<ApprovalCopy | undefined> {
  const card = await em.findOne(CardInstanceSchema, { cardId: ctx.event.cardId });
  if (card?.objectType !== 'approval' || card.objectId !== String(runId)) return undefined;
  const audience = (card.ref as { audience?: { kind: string; userIds?: string[] } }).audience;
  if (audience?.kind !== 'users' || !audience.userIds?.includes(ctx.event.from)) return undefined;
  return parseApprovalVariant(cardVariant(card.cardId, { type: 'approval', id: runId }));
}

/** Refuses the click and records it: nothing else changes. */
async function forged(ctx: ActionContext, why: string) {
  const acting = await actingAs(ctx.em, ctx.user, 'card');
  audit(ctx.em, acting, {
    action: 'forgery',
    objectType: 'approval',
    objectId: ctx.action.id,
    changes: { fields: [], why, cardId: ctx.event.cardId, actionKey: ctx.event.actionKey },
  });
  await ctx.reply({
    kind: 'text',
    text: '这个操作无效：卡片不是发给你的，或已被改动。已记录，审批没有任何变化。',
  });
}

/** The reason of a 驳回: typed in the DingTalk card, or chosen from the flow's presets on WeCom. */
async function reasonOf(ctx: ActionContext, runId: number): Promise<string | 'other' | undefined> {
  const typed = ctx.event.inputs?.reason?.trim();
  if (typed) return typed;
  const chosen = ctx.event.selected?.reason?.[0];
  if (chosen === 'other') return 'other';
  const run = await ctx.em.findOne(ApprovalInstanceSchema, runId, { populate: ['flow'] });
  return run ? approvalReasonText(rejectReasonsOf(run.flow.definition), chosen) : undefined;
}

export function approvalActions(notices: ApprovalNotices): BotFeature {
  return ({ bot }) => {
    const onDecision = (verdict: 'approve' | 'reject') => async (ctx: ActionContext) => {
      const runId = Number(ctx.action.id);
      const step = Number(ctx.action.arg);
      const copy = await clickedCopy(ctx.em, ctx, runId);
      if (copy?.kind !== 'approver' || copy.userId !== ctx.user.id || copy.step !== step)
        return forged(ctx, 'not-this-approvers-card');
      const reason = verdict === 'reject' ? await reasonOf(ctx, runId) : undefined;
      if (reason === 'other') {
        const card = buildApprovalReasonCard(
          `approval-reason-${runId}-${randomBytes(5).toString('hex')}`,
          String(runId),
          '驳回：填写其他原因',
        );
        return ctx.reply({ kind: 'card', card });
      }
      const task = await ctx.em.findOne(
        ApprovalTaskSchema,
        { instance: runId, step, approver: ctx.user.id },
        { orderBy: { id: 'desc' } },
      );
      const acting = await actingAs(ctx.em, ctx.user, 'card');
      const run = await decide(
        ctx.em,
        acting,
        runId,
        // No task of theirs on the step: the engine refuses as "not the approver".
        { verdict, reason, taskId: task?.id ?? 0 },
        notices,
      );
      await ctx.reply({
        kind: 'text',
        text:
          verdict === 'approve' ? `你已同意：${run.title}` : `你已驳回：${run.title}\n理由：${reason ?? ''}`,
      });
    };
    bot.action('approval.approve', onDecision('approve'));
    bot.action('approval.reject', onDecision('reject'));

    bot.action('approval.withdraw', async (ctx) => {
      const runId = Number(ctx.action.id);
      const copy = await clickedCopy(ctx.em, ctx, runId);
      if (copy?.kind !== 'submitter') return forged(ctx, 'not-the-submitters-card');
      const run = await withdraw(ctx.em, await actingAs(ctx.em, ctx.user, 'card'), runId, notices);
      await ctx.reply({ kind: 'text', text: `已撤回：${run.title}` });
    });

    bot.action('approval.status', async (ctx) => {
      const runId = Number(ctx.action.id);
      if (!(await clickedCopy(ctx.em, ctx, runId))) return forged(ctx, 'not-a-copy-of-this-run');
      await ctx.reply({ kind: 'text', text: await statusLine(ctx.em, runId) });
    });
  };
}
