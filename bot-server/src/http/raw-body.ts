import type { Context } from 'koa';
import { Problem } from './problem.js';

const payloadTooLarge = () => new Problem(413, 'payload-too-large', '请求内容过大');

/**
 * Reads the request body's bytes, refusing it with `tooLarge` (413) as soon as it grows past
 * `limit` bytes: a declared length over the limit is refused before a byte is read (Node discards
 * the rest once the answer is sent); an undeclared one is cut off where it crosses the limit.
 */
export async function readRawBytes(
  ctx: Context,
  limit: number,
  tooLarge: () => Problem = payloadTooLarge,
): Promise<Buffer> {
  const declared = Number(ctx.get('content-length') || 0);
  if (declared > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      ctx.req.destroy();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * Reads the request body as UTF-8 text, refusing it with 413 past `limit` bytes. Platform callbacks
 * need the exact bytes that were signed, so they bypass the body parser.
 */
export async function readRawBody(ctx: Context, limit: number): Promise<string> {
  return (await readRawBytes(ctx, limit)).toString('utf8');
}
