import { ReceivableReceiptSchema } from '@kelian/orm';
import Router from '@koa/router';
import { localDate } from '../../domain/followups/local-time.js';
import { listInstalments, totalsOf } from '../../domain/receivables/list.js';
import { defaultDeferDays, deferInstalment } from '../../domain/receivables/owner-actions.js';
import { addInstalments, cancelInstalment } from '../../domain/receivables/plans.js';
import { recordReceipt } from '../../domain/receivables/receipts.js';
import { instalmentFor } from '../../domain/receivables/store.js';
import { contractPlan, customerReceivables } from '../../domain/receivables/views.js';
import { parseInput } from '../../http/validate.js';
import { actingOf } from '../customers/acting.js';
import { encodeCursor } from '../customers/cursor.js';
import type { ApiContext, ApiDeps, ApiState } from '../deps.js';
import { instalmentJsonOf, receiptJsonOf } from './present.js';
import {
  contractIdParam,
  customerIdParam,
  deferBody,
  instalmentIdParam,
  planCreate,
  receiptCreate,
  receivableListQuery,
} from './schemas.js';

// /api/receivables and a contract's /receivables: plans set with the contract or by finance,
// receipts recorded by finance, the 即将到期 / 已逾期 lists, a customer's plans with its 逾期 figure.

export function receivablesRouter({ orm, config, notifier, messenger }: ApiDeps): Router<ApiState> {
  const router = new Router<ApiState>();
  const today = () => localDate(new Date(), config.displayTimeZone);
  const instalmentId = (ctx: ApiContext) => parseInput(instalmentIdParam, ctx.params).id;
  const plan = async (ctx: ApiContext, id: number, status = 200) => {
    const acting = await actingOf(ctx, orm.em);
    const { contract, instalments, receipts } = await contractPlan(orm.em.fork(), acting.access, id);
    const day = today();
    ctx.status = status;
    ctx.body = {
      contractId: contract.id,
      contractAmountCents: contract.amountCents,
      instalments: instalments.map((i) => instalmentJsonOf(i, day)),
      receipts: receipts.map(receiptJsonOf),
      totals: totalsOf(instalments, day),
    };
  };
  const instalment = async (ctx: ApiContext, id: number) => {
    const acting = await actingOf(ctx, orm.em);
    ctx.body = instalmentJsonOf(await instalmentFor(orm.em.fork(), acting.access, id), today());
  };

  router.get('/contracts/:id/receivables', async (ctx) => {
    await plan(ctx, parseInput(contractIdParam, ctx.params).id);
  });

  router.post('/contracts/:id/receivables', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const id = parseInput(contractIdParam, ctx.params).id;
    const { instalments } = parseInput(planCreate, ctx.request.body);
    await addInstalments(orm.em.fork(), acting, id, instalments);
    await plan(ctx, id, 201);
  });

  router.get('/receivables', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const { view, customerId, limit, cursor } = parseInput(receivableListQuery, ctx.query);
    const day = today();
    const page = await listInstalments(orm.em.fork(), acting.access, {
      view,
      customerId,
      limit,
      after: cursor,
      today: day,
    });
    ctx.body = {
      items: page.instalments.map((i) => instalmentJsonOf(i, day)),
      nextCursor: page.next === null ? null : encodeCursor(page.next),
    };
  });

  router.get('/customers/:id/receivables', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const day = today();
    const { instalments, overdue } = await customerReceivables(
      orm.em.fork(),
      acting.access,
      parseInput(customerIdParam, ctx.params).id,
      day,
    );
    ctx.body = {
      instalments: instalments.map((i) => instalmentJsonOf(i, day)),
      totals: totalsOf(instalments, day),
      overdue,
    };
  });

  router.post('/receivables/:id/receipts', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const id = instalmentId(ctx);
    const receipt = await recordReceipt(
      orm.em.fork(),
      acting,
      id,
      parseInput(receiptCreate, ctx.request.body),
      notifier,
    );
    const fresh = orm.em.fork();
    ctx.status = 201;
    ctx.body = {
      receipt: receiptJsonOf(
        await fresh.findOneOrFail(ReceivableReceiptSchema, receipt.id, {
          populate: ['recordedBy', 'instalment'],
        }),
      ),
      instalment: instalmentJsonOf(await instalmentFor(fresh, acting.access, id), today()),
    };
  });

  router.post('/receivables/:id/cancel', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const id = instalmentId(ctx);
    await cancelInstalment(orm.em.fork(), acting, id);
    await instalment(ctx, id);
  });

  router.post('/receivables/:id/defer', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const id = instalmentId(ctx);
    const { days } = parseInput(deferBody, ctx.request.body ?? {});
    await deferInstalment(orm.em.fork(), acting, id, days ?? defaultDeferDays, { notifier, messenger });
    await instalment(ctx, id);
  });

  return router;
}
