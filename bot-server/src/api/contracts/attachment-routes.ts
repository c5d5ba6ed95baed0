import { CONTRACT_ATTACHMENT_MAX_BYTES, type ContractAttachment } from '@kelian/orm';
import Router from '@koa/router';
import type { z } from 'zod';
import {
  addAttachment,
  attachmentFile,
  deleteAttachment,
  listAttachments,
} from '../../domain/contracts/attachments.js';
import { Problem } from '../../http/problem.js';
import { readRawBytes } from '../../http/raw-body.js';
import { parseInput } from '../../http/validate.js';
import { actingOf } from '../customers/acting.js';
import type { ApiDeps, ApiState } from '../deps.js';
import { type attachmentJson, attachmentParams, uploadQuery } from './attachment-schemas.js';
import { contractId } from './schemas.js';

// /api/contracts/:id/attachments: a contract's scans. An upload is the file's bytes as the request
// body (any Content-Type but JSON and forms, which the body parser would take; the app sends
// application/octet-stream) with its name in ?name=; past 20 MB it is refused with 413 before it is
// kept, and nothing is stored.

const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const tooLarge = (declared: number) => () =>
  new Problem(
    413,
    'attachment-too-large',
    `附件不能超过 ${CONTRACT_ATTACHMENT_MAX_BYTES / 1024 / 1024} MB${declared > 0 ? `（这个文件 ${megabytes(declared)} MB）` : ''}，请压缩或分成几份上传`,
  );

const attachmentJsonOf = (a: ContractAttachment): z.infer<typeof attachmentJson> => ({
  id: a.id,
  contractId: a.contract.id,
  fileName: a.fileName,
  contentType: a.contentType,
  sizeBytes: a.sizeBytes,
  uploadedBy: a.uploadedBy ? { id: a.uploadedBy.id, name: a.uploadedBy.name } : null,
  createdAt: a.createdAt.toISOString(),
});

export function contractAttachmentsRouter({ orm }: ApiDeps): Router<ApiState> {
  const router = new Router<ApiState>();

  router.get('/contracts/:id/attachments', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const { id } = parseInput(contractId, ctx.params);
    const items = await listAttachments(orm.em.fork(), acting.access, id);
    ctx.body = { items: items.map(attachmentJsonOf) };
  });

  router.post('/contracts/:id/attachments', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const { id } = parseInput(contractId, ctx.params);
    const { name } = parseInput(uploadQuery, ctx.query);
    const declared = Number(ctx.get('content-length') || 0);
    const content = await readRawBytes(ctx, CONTRACT_ATTACHMENT_MAX_BYTES, tooLarge(declared));
    const attachment = await addAttachment(orm.em.fork(), acting, id, { fileName: name, content });
    await orm.em.fork().populate(attachment, ['uploadedBy']);
    ctx.status = 201;
    ctx.set('Location', `/api/contracts/${id}/attachments/${attachment.id}`);
    ctx.body = attachmentJsonOf(attachment);
  });

  router.get('/contracts/:id/attachments/:attachmentId', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const { id, attachmentId } = parseInput(attachmentParams, ctx.params);
    const { attachment, content } = await attachmentFile(orm.em.fork(), acting.access, id, attachmentId);
    ctx.set('Content-Type', attachment.contentType);
    ctx.set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`);
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Cache-Control', 'private, no-store');
    ctx.body = content;
  });

  router.delete('/contracts/:id/attachments/:attachmentId', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const { id, attachmentId } = parseInput(attachmentParams, ctx.params);
    await deleteAttachment(orm.em.fork(), acting, id, attachmentId);
    ctx.status = 204;
  });

  return router;
}
