import type { Context } from 'koa';
import { Problem } from './problem.js';

/**
 * Reads the request body as UTF-8 text, refusing it with 413 as soon as it grows past `limit`
 * bytes. Platform callbacks need the exact bytes that were signed, so they bypass the body parser.
 */
export async function readRawBody(ctx: Context, limit: number): Promise<string> {
  const declared = Number(ctx.get('content-length') || 0);
  if (declared > limit) throw new Problem(413, 'payload-too-large', '请求内容过大');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      ctx.req.destroy();
      throw new Problem(413, 'payload-too-large', '请求内容过大');
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
