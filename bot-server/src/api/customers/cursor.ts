import { z } from 'zod';

// Cursors are opaque to clients: base64url JSON of where the previous page ended. A cursor that is
// not one of ours is a 400 on the `cursor` field, never a database error.

const invalid = '翻页游标无效，请从第一页重新开始';

export const encodeCursor = (position: unknown): string =>
  Buffer.from(JSON.stringify(position)).toString('base64url');

function decode(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** A query parameter carrying a cursor whose decoded content `position` describes. */
export function cursorParam<S extends z.ZodType>(position: S) {
  return z
    .string({ error: invalid })
    .max(512, invalid)
    .transform((cursor, ctx): z.output<S> => {
      const parsed = position.safeParse(decode(cursor));
      if (parsed.success) return parsed.data;
      ctx.addIssue({ code: 'custom', message: invalid });
      return z.NEVER;
    })
    .meta({ description: '上一页答复中的 nextCursor' });
}
