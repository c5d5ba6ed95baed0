import type { Context, Middleware } from 'koa';
import type { FieldProblem } from '../http/problem.js';
import { Problem } from '../http/problem.js';
import { hasUnstorable } from '../platforms/text-hygiene.js';

// One check in front of every route that takes input: a string anywhere in the request (path,
// query, JSON or form body, object keys included) holding a character PostgreSQL cannot store is
// refused before any handler runs, so nothing is stored and nothing answers 500.

const valueMessage = '含有无法保存的字符（空字符 U+0000 或不成对的代理字符），请删除后重试';
const keyMessage = '字段名含有无法保存的字符（空字符 U+0000 或不成对的代理字符）';
/** Enough to show what is wrong; a body full of bad strings does not make a huge answer. */
const maxErrors = 20;

export const unstorableInput = (errors: FieldProblem[]) =>
  new Problem(
    400,
    'unstorable-characters',
    '内容含有无法保存的字符',
    '请删除标出字段中的空字符（U+0000）或不成对的 UTF-16 代理字符后重试',
    errors,
  );

/** A key as it can be shown: the offending characters as JSON escapes (`a\u0000b`). */
const shown = (key: string) => JSON.stringify(key).slice(1, -1);

/** The problems of `value`, found without recursion (a deeply nested body cannot exhaust the stack). */
function unstorableIn(value: unknown, prefix: string[], into: FieldProblem[]): void {
  const pending: [unknown, string[]][] = [[value, prefix]];
  while (pending.length > 0 && into.length < maxErrors) {
    const [item, path] = pending.pop()!;
    if (typeof item === 'string') {
      if (hasUnstorable(item)) into.push({ field: path.join('.'), message: valueMessage });
    } else if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) pending.push([item[i], [...path, String(i)]]);
    } else if (typeof item === 'object' && item !== null) {
      const entries = Object.entries(item);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, v] = entries[i]!;
        if (hasUnstorable(key)) into.push({ field: [...path, shown(key)].join('.'), message: keyMessage });
        pending.push([v, [...path, shown(key)]]);
      }
    }
  }
}

/** The parts of a matched route that @koa/router exposes on `ctx.matched`. */
interface RouteLayer {
  methods: string[];
  captures(path: string): string[];
  params(path: string, captures: string[]): Record<string, string>;
}

/**
 * The path's parameters as the matched route names them (`id`), decoded as the route will see
 * them. This runs before the route, where ctx.params is not set yet, so the route is looked up in
 * the layers the router matched; should that ever fail, any decoded segment is checked as `path`.
 */
function pathProblems(ctx: Context): FieldProblem[] {
  const layers = ((ctx as { matched?: unknown }).matched ?? []) as RouteLayer[];
  const route = layers.filter((l) => Array.isArray(l.methods) && l.methods.includes(ctx.method)).at(-1);
  const problems: FieldProblem[] = [];
  if (route) {
    for (const [name, value] of Object.entries(route.params(ctx.path, route.captures(ctx.path))))
      if (hasUnstorable(value)) problems.push({ field: name, message: valueMessage });
  }
  if (problems.length > 0) return problems;
  for (const segment of ctx.path.split('/')) {
    try {
      if (hasUnstorable(decodeURIComponent(segment))) return [{ field: 'path', message: valueMessage }];
    } catch {
      // Not valid percent-encoded UTF-8: the router hands such a segment on undecoded, which is storable.
    }
  }
  return problems;
}

/** Refuses (400) a request whose path, query or body holds a character PostgreSQL cannot store. */
export const inputHygiene: Middleware = async (ctx, next) => {
  const errors = pathProblems(ctx);
  unstorableIn(ctx.query, [], errors);
  unstorableIn((ctx.request as { body?: unknown }).body, [], errors);
  if (errors.length > 0) throw unstorableInput(errors.slice(0, maxErrors));
  await next();
};
