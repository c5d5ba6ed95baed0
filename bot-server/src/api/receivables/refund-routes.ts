import { ApprovalInstanceSchema, type Refund, RefundSchema, type RefundStatus } from '@kelian/orm';
import Router from '@koa/router';
import type { EntityManager } from '@mikro-orm/postgresql';
import { NotVisibleError } from '../../domain/access/errors.js';
import { cardNotices } from '../../domain/approvals/notices.js';
import { contractFor } from '../../domain/contracts/store.js';
import { requestRefund } from '../../domain/receivables/request-refund.js';
import { parseInput } from '../../http/validate.js';
import { actingOf } from '../customers/acting.js';
import type { ApiDeps, ApiState } from '../deps.js';
import { refundCreate, refundIdParam, refundListQuery, refundStatusLabels } from './schemas.js';

// /api/refunds: a refund asked for on a contract goes through the refund flow at once; a
// contract's refunds are listed for whoever sees the contract.

/** Each refund with its newest approval run (null: never sent), in one query for the runs. */
async function refundsJsonOf(em: EntityManager, refunds: Refund[]) {
  const runs = await em.find(
    ApprovalInstanceSchema,
    { docType: 'refund', docId: { $in: refunds.map((r) => r.id) } },
    { orderBy: { id: 'asc' }, fields: ['id', 'docId'] },
  );
  const runOf = new Map(runs.map((run) => [run.docId, run.id]));
  return refunds.map((refund) => ({
    id: refund.id,
    contract: { id: refund.contract.id, number: refund.contract.number },
    customer: { id: refund.customer.id, name: refund.customer.name },
    amountCents: refund.amountCents,
    reason: refund.reason,
    refundDate: refund.refundDate,
    status: refund.status,
    statusLabel: refundStatusLabels[refund.status as RefundStatus],
    approvalId: runOf.get(refund.id) ?? null,
    createdAt: refund.createdAt.toISOString(),
  }));
}

export function refundsRouter({ orm, notifier, approvalTodos }: ApiDeps): Router<ApiState> {
  const router = new Router<ApiState>();
  const notices = cardNotices(notifier, approvalTodos);

  const shown = async (em: EntityManager, access: Parameters<typeof contractFor>[1], id: number) => {
    const refund = await em.findOne(RefundSchema, { id }, { populate: ['contract', 'customer'] });
    if (!refund) throw new NotVisibleError('refund');
    // A refund is seen by whoever sees its contract.
    await contractFor(em, access, refund.contract.id, 'read');
    const [json] = await refundsJsonOf(em, [refund]);
    return json;
  };

  router.post('/refunds', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const { refund } = await requestRefund(
      orm.em.fork(),
      acting,
      parseInput(refundCreate, ctx.request.body),
      notices,
    );
    ctx.status = 201;
    ctx.set('Location', `/api/refunds/${refund.id}`);
    ctx.body = await shown(orm.em.fork(), acting.access, refund.id);
  });

  router.get('/refunds', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const { contractId } = parseInput(refundListQuery, ctx.query);
    const em = orm.em.fork();
    await contractFor(em, acting.access, contractId, 'read');
    const refunds = await em.find(
      RefundSchema,
      { contract: contractId },
      { populate: ['contract', 'customer'], orderBy: { id: 'desc' } },
    );
    ctx.body = { items: await refundsJsonOf(em, refunds) };
  });

  router.get('/refunds/:id', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    ctx.body = await shown(orm.em.fork(), acting.access, parseInput(refundIdParam, ctx.params).id);
  });

  return router;
}
