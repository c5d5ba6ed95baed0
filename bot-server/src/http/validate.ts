import type { z } from 'zod';
import { Problem } from './problem.js';

/** The input as `schema` describes it, or a 400 problem naming each wrong field. Nothing else runs. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  throw new Problem(
    400,
    'invalid-request',
    '请求内容有误，请检查标出的字段',
    undefined,
    result.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message })),
  );
}
