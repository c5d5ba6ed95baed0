import { ApprovalInstanceSchema } from '@kelian/orm';
import Router from '@koa/router';
import type { Acting } from '../../domain/access/acting.js';
import { cardNotices } from '../../domain/approvals/notices.js';
import { createContract, deleteContract, updateContract } from '../../domain/contracts/contracts.js';
import { terminateContract } from '../../domain/contracts/lifecycle.js';
import { listContracts } from '../../domain/contracts/list.js';
import { contractFor } from '../../domain/contracts/store.js';
import { submitContract } from '../../domain/contracts/submit.js';
import { parseInput } from '../../http/validate.js';
import { actingOf } from '../customers/acting.js';
import { encodeCursor } from '../customers/cursor.js';
import type { ApiContext, ApiDeps, ApiState } from '../deps.js';
import { contractJsonOf } from './present.js';
import {
  contractCreate,
  contractId,
  contractListQuery,
  contractPatch,
  contractSubmit,
  contractTerminate,
} from './schemas.js';

// /api/contracts: drafts written on customers in the user's scope, sent for approval.

export function contractsRouter({ orm, notifier, approvalTodos }: ApiDeps): Router<ApiState> {
  const router = new Router<ApiState>();
  const notices = cardNotices(notifier, approvalTodos);
  const idOf = (ctx: ApiContext) => parseInput(contractId, ctx.params).id;
  /** After a change, the contract as the user now sees it, from a fresh context. */
  const answer = async (ctx: ApiContext, acting: Acting, id: number, status = 200) => {
    ctx.status = status;
    ctx.body = contractJsonOf(await contractFor(orm.em.fork(), acting.access, id));
  };

  router.get('/contracts', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const { cursor, limit, customerId, status } = parseInput(contractListQuery, ctx.query);
    const page = await listContracts(orm.em.fork(), acting.access, {
      limit,
      after: cursor?.id,
      customerId,
      status,
    });
    ctx.body = {
      items: page.contracts.map(contractJsonOf),
      nextCursor: page.next === null ? null : encodeCursor({ id: page.next }),
    };
  });

  router.post('/contracts', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const contract = await createContract(
      orm.em.fork(),
      acting,
      parseInput(contractCreate, ctx.request.body),
    );
    ctx.set('Location', `/api/contracts/${contract.id}`);
    await answer(ctx, acting, contract.id, 201);
  });

  router.get('/contracts/:id', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const em = orm.em.fork();
    const contract = await contractFor(em, acting.access, idOf(ctx));
    const run = await em.findOne(
      ApprovalInstanceSchema,
      { docType: 'contract', docId: contract.id },
      { orderBy: { id: 'desc' }, fields: ['id'] },
    );
    ctx.body = { ...contractJsonOf(contract), approvalId: run?.id ?? null };
  });

  router.patch('/contracts/:id', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const id = idOf(ctx);
    await updateContract(orm.em.fork(), acting, id, parseInput(contractPatch, ctx.request.body));
    await answer(ctx, acting, id);
  });

  router.delete('/contracts/:id', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    await deleteContract(orm.em.fork(), acting, idOf(ctx));
    ctx.status = 204;
  });

  router.post('/contracts/:id/submit', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const id = idOf(ctx);
    const { picks } = parseInput(contractSubmit, ctx.request.body ?? {});
    const run = await submitContract(orm.em.fork(), acting, id, notices, picks);
    ctx.body = {
      approvalId: run.id,
      contract: contractJsonOf(await contractFor(orm.em.fork(), acting.access, id)),
    };
  });

  router.post('/contracts/:id/terminate', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const id = idOf(ctx);
    const { reason } = parseInput(contractTerminate, ctx.request.body);
    await terminateContract(orm.em.fork(), acting, id, reason);
    await answer(ctx, acting, id);
  });

  return router;
}
