import type { Middleware } from 'koa';
import type { Access } from '../../domain/access/access.js';
import { FieldsRefusedError, RefusedError } from '../../domain/access/errors.js';
import { type Refusal, type RefusalKind, refusalKind, refusalText } from '../../domain/access/refusals.js';
import type { DuplicateCustomersError } from '../../domain/customers/errors.js';
import { presentCustomer } from '../../domain/customers/records.js';
import { InvalidInputError } from '../../domain/errors.js';
import { type FieldProblem, Problem } from '../../http/problem.js';

// The domain's refusals as problems, worded by the one table (domain/access/refusals.ts). Something
// outside the user's scope is "not found", exactly like an id that does not exist, so probing ids
// tells nothing.

const answers: Record<RefusalKind, (code: string) => { status: number; type: string }> = {
  'not-visible': () => ({ status: 404, type: 'not-found' }),
  'not-permitted': () => ({ status: 403, type: 'forbidden' }),
  'field-refused': () => ({ status: 403, type: 'field-refused' }),
  // Someone or something got there first: the code itself is the type (lead-taken, lead-closed).
  conflict: (code) => ({ status: 409, type: code }),
  // Input that does not fit the data: the code tells programs which (role-field-unknown …).
  invalid: (code) => ({ status: 400, type: code }),
};

/** A refusal (thrown or returned by the domain) as the API answers it. */
export function refusalProblem(refusal: Refusal & { fields?: FieldProblem[] }): Problem {
  const { status, type } = answers[refusalKind(refusal)](refusal.code);
  return new Problem(status, type, refusalText(refusal), undefined, refusal.fields);
}

/** Turns the access layer's and the customer domain's errors into problems; others pass untouched. */
export const domainProblems: Middleware = async (_ctx, next) => {
  try {
    await next();
  } catch (error) {
    throw problemOf(error) ?? error;
  }
};

function problemOf(error: unknown): Problem | undefined {
  if (error instanceof FieldsRefusedError) return refusalProblem(error);
  if (error instanceof RefusedError) return refusalProblem(error);
  if (error instanceof InvalidInputError)
    return new Problem(400, 'invalid-request', '请求内容有误，请检查标出的字段', undefined, [
      { field: error.field, message: error.reason },
    ]);
  return undefined;
}

/** 409 with the duplicates the user may see (as the presenter shows them) and a count of the rest. */
export class DuplicateProblem extends Problem {
  constructor(
    private readonly access: Access,
    private readonly duplicates: DuplicateCustomersError,
  ) {
    super(
      409,
      'duplicate-customer',
      '可能与已有客户重复',
      '确认不是同一客户时，请带上 "force": true 再次提交',
    );
  }

  override toJSON(instance: string, requestId: string) {
    return {
      ...super.toJSON(instance, requestId),
      duplicates: this.duplicates.visible.map(({ customer, matchedOn }) => {
        const { id, kind, name, owner } = presentCustomer(this.access, customer, false).values;
        return { id, kind, name, owner, matchedOn };
      }),
      hiddenCount: this.duplicates.hiddenCount,
    };
  }
}
