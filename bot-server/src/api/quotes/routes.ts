import { createHmac } from 'node:crypto';
import { QuoteSchema } from '@kelian/orm';
import Router from '@koa/router';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../../domain/access/acting.js';
import { NotVisibleError } from '../../domain/access/errors.js';
import { cardNotices } from '../../domain/approvals/notices.js';
import { contractFor } from '../../domain/contracts/store.js';
import { localDate } from '../../domain/followups/local-time.js';
import { quoteToContract } from '../../domain/quotes/convert.js';
import {
  checkDownloadToken,
  downloadLinkLifetimeMs,
  downloadToken,
} from '../../domain/quotes/download-link.js';
import { customerLastPrices } from '../../domain/quotes/last-prices.js';
import { listQuotes } from '../../domain/quotes/list.js';
import { renderQuotePdf } from '../../domain/quotes/pdf.js';
import { createQuote, updateQuote } from '../../domain/quotes/quotes.js';
import { quotePdfView, quoteRecord } from '../../domain/quotes/record.js';
import { quoteFor } from '../../domain/quotes/store.js';
import { submitQuote } from '../../domain/quotes/submit.js';
import { parseInput } from '../../http/validate.js';
import { contractJsonOf } from '../contracts/present.js';
import { actingOf } from '../customers/acting.js';
import { encodeCursor } from '../customers/cursor.js';
import type { ApiContext, ApiDeps, ApiState } from '../deps.js';
import { pastPriceJsonOf, quoteJsonOf, quoteSummaryJsonOf } from './present.js';
import {
  lastPricesQuery,
  pdfQuery,
  quoteCreate,
  quoteId,
  quoteListQuery,
  quotePatch,
  quoteToContractBody,
} from './schemas.js';

// /api/quotes: quotes written on customers in the user's scope, submitted (approval only below the
// floor price), turned into a contract, and downloaded as a PDF: by the signed-in user, or by
// whoever holds a 15-minute signed link the rep forwarded from the chat.

export function quotesRouter({ orm, notifier, approvalTodos, config }: ApiDeps): Router<ApiState> {
  const router = new Router<ApiState>();
  const notices = cardNotices(notifier, approvalTodos);
  const idOf = (ctx: ApiContext) => parseInput(quoteId, ctx.params).id;
  const today = () => localDate(new Date(), config.displayTimeZone);
  // The links' key, derived from the platform secret the server already keeps: nothing new to configure.
  const linkKey = createHmac('sha256', config.wecom?.secret ?? config.dingtalk?.clientSecret ?? '')
    .update('kelian-quote-download')
    .digest('hex');
  /** The quote a signed link grants; a bad or expired link answers like a missing quote: it tells nothing. */
  const linkedQuote = async (em: EntityManager, id: number, token: string) => {
    const quote = checkDownloadToken(linkKey, token, id, new Date())
      ? await em.findOne(QuoteSchema, { id, deletedAt: null }, { populate: ['customer', 'owner'] })
      : null;
    if (!quote) throw new NotVisibleError('quote');
    return quote;
  };
  /** After a change, the quote as the user now sees it, from a fresh context. */
  const answer = async (ctx: ApiContext, acting: Acting, id: number, status = 200) => {
    const em = orm.em.fork();
    ctx.status = status;
    ctx.body = quoteJsonOf(await quoteRecord(em, await quoteFor(em, acting.access, id)));
  };

  router.get('/quotes', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const { cursor, limit, customerId, status } = parseInput(quoteListQuery, ctx.query);
    const page = await listQuotes(orm.em.fork(), acting.access, {
      limit,
      after: cursor?.id,
      customerId,
      status,
    });
    ctx.body = {
      items: page.quotes.map(quoteSummaryJsonOf),
      nextCursor: page.next === null ? null : encodeCursor({ id: page.next }),
    };
  });

  router.get('/quotes/last-prices', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const { customerId, productIds } = parseInput(lastPricesQuery, ctx.query);
    const found = await customerLastPrices(orm.em.fork(), acting.access, customerId, productIds);
    ctx.body = {
      items: productIds.map((productId) => ({
        productId,
        prices: (found.get(productId) ?? []).map(pastPriceJsonOf),
      })),
    };
  });

  router.post('/quotes', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const quote = await createQuote(
      orm.em.fork(),
      acting,
      parseInput(quoteCreate, ctx.request.body),
      today(),
    );
    ctx.set('Location', `/api/quotes/${quote.id}`);
    await answer(ctx, acting, quote.id, 201);
  });

  router.get('/quotes/:id', async (ctx) => {
    await answer(ctx, await actingOf(ctx, orm.em), idOf(ctx));
  });

  router.patch('/quotes/:id', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const id = idOf(ctx);
    await updateQuote(orm.em.fork(), acting, id, parseInput(quotePatch, ctx.request.body), today());
    await answer(ctx, acting, id);
  });

  router.post('/quotes/:id/submit', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const id = idOf(ctx);
    const { approvalId } = await submitQuote(orm.em.fork(), acting, id, notices);
    const em = orm.em.fork();
    ctx.body = {
      approvalId,
      quote: quoteJsonOf(await quoteRecord(em, await quoteFor(em, acting.access, id))),
    };
  });

  router.post('/quotes/:id/contract', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const id = idOf(ctx);
    const terms = parseInput(quoteToContractBody, ctx.request.body);
    const contract = await quoteToContract(orm.em.fork(), acting, id, terms, today());
    ctx.set('Location', `/api/contracts/${contract.id}`);
    ctx.status = 201;
    ctx.body = contractJsonOf(await contractFor(orm.em.fork(), acting.access, contract.id));
  });

  router.post('/quotes/:id/pdf-link', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const id = idOf(ctx);
    await quoteFor(orm.em.fork(), acting.access, id);
    const expiresAt = new Date(Date.now() + downloadLinkLifetimeMs);
    const base = config.publicUrl ?? `${ctx.protocol}://${ctx.host}`;
    ctx.body = {
      url: `${base}/api/quotes/${id}/pdf?token=${downloadToken(linkKey, id, expiresAt)}`,
      expiresAt: expiresAt.toISOString(),
    };
  });

  router.get('/quotes/:id/pdf', async (ctx) => {
    const id = idOf(ctx);
    const { token } = parseInput(pdfQuery, ctx.query);
    const em = orm.em.fork();
    const quote =
      token === undefined
        ? await quoteFor(em, (await actingOf(ctx, orm.em)).access, id)
        : await linkedQuote(em, id, token);
    const record = await quoteRecord(em, quote);
    ctx.type = 'application/pdf';
    ctx.set(
      'Content-Disposition',
      `inline; filename="${record.number}.pdf"; filename*=UTF-8''${encodeURIComponent(`报价单-${record.number}.pdf`)}`,
    );
    ctx.body = await renderQuotePdf(await quotePdfView(em, record, config.displayTimeZone));
  });

  return router;
}
