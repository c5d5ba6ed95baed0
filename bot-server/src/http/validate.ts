import type { z } from 'zod';
import { type FieldProblem, Problem } from './problem.js';

/**
 * The input as `schema` describes it, or a 400 problem naming each wrong field. Nothing else runs.
 * A value can break several checks that share one message (-1e300 is neither a safe integer nor
 * positive): the person reads it once.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const problems = new Map<string, FieldProblem>();
  for (const issue of result.error.issues) {
    const problem = { field: issue.path.join('.'), message: issue.message };
    problems.set(JSON.stringify(problem), problem);
  }
  throw new Problem(400, 'invalid-request', '请求内容有误，请检查标出的字段', undefined, [
    ...problems.values(),
  ]);
}
