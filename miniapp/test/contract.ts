import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import document from '../contract/openapi.json';

// The fake API's answers held against the server's contract: miniapp/contract/openapi.json, which
// bot-server/test/api/contract.test.ts keeps equal to the server's own schemas. A fixture that
// names a field the server does not send, lacks one it always sends, or has a value of the wrong
// type fails the test that uses it, naming the route and the field.

interface Operation {
  responses: Record<string, { content?: Record<string, { schema: object }> }>;
}
const paths = document.paths as unknown as Record<string, Record<string, Operation>>;

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validators = new Map<object, ReturnType<typeof ajv.compile>>();

const segments = (path: string) => path.split('/').filter(Boolean);

/** The documented path a request's path matches; literal segments win over `{parameters}`. */
function templateOf(path: string): string | undefined {
  const wanted = segments(path);
  let best: { template: string; literals: number } | undefined;
  for (const template of Object.keys(paths)) {
    const parts = segments(template);
    if (parts.length !== wanted.length) continue;
    const fits = parts.every((part, i) => part.startsWith('{') || part === decodeURIComponent(wanted[i]!));
    if (!fits) continue;
    const literals = parts.filter((part) => !part.startsWith('{')).length;
    if (!best || literals > best.literals) best = { template, literals };
  }
  return best?.template;
}

function explain(error: ErrorObject): string {
  const at = error.instancePath || '(the body)';
  const params = error.params as { additionalProperty?: string; missingProperty?: string };
  if (params.additionalProperty)
    return `${at}: "${params.additionalProperty}" is not a field the server sends`;
  if (params.missingProperty)
    return `${at}: lacks "${params.missingProperty}", which the server always sends`;
  return `${at} ${error.message}`;
}

/**
 * How an answer of `method path` with `status` disagrees with the contract: none when it agrees.
 * Answers ≥ 500 a route does not document are any route's server faults, and are not checked.
 */
export function contractErrors(method: string, path: string, status: number, body: unknown): string[] {
  const route = `${method} ${path}`;
  const template = templateOf(path);
  const operation = template ? paths[template]?.[method.toLowerCase()] : undefined;
  if (!operation) return [`${route} is not a route of the server's API`];
  const answer = operation.responses[String(status)];
  if (!answer) return status >= 500 ? [] : [`${route} answers ${status}, which the contract does not list`];
  const content = answer.content ?? {};
  const schema = (content['application/json'] ?? content['application/problem+json'])?.schema;
  if (!schema) return body === undefined ? [] : [`${route} ${status} has no body in the contract`];
  let validate = validators.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    validators.set(schema, validate);
  }
  if (validate(body)) return [];
  return [...new Set(closestBranch(validate.errors ?? []).map((e) => `${route} ${status}: ${explain(e)}`))];
}

/**
 * Ajv reports every branch of a failed anyOf (a problem with or without duplicates): keep the
 * complaints of the branch the answer came closest to, which name what is really off.
 */
function closestBranch(errors: ErrorObject[]): ErrorObject[] {
  const union = errors.find((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  if (!union) return errors;
  const branchOf = (e: ErrorObject) =>
    e.schemaPath.startsWith(`${union.schemaPath}/`)
      ? e.schemaPath.split('/')[union.schemaPath.split('/').length]
      : undefined;
  const counts = new Map<string, number>();
  for (const e of errors) {
    const branch = branchOf(e);
    if (branch !== undefined) counts.set(branch, (counts.get(branch) ?? 0) + 1);
  }
  const closest = [...counts].sort((a, b) => a[1] - b[1])[0]?.[0];
  return errors.filter((e) => e !== union && (branchOf(e) === undefined || branchOf(e) === closest));
}
