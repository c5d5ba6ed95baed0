import type { Middleware } from 'koa';
import type { Access } from '../../domain/access/access.js';
import { FieldsRefusedError, NotPermittedError, NotVisibleError } from '../../domain/access/errors.js';
import { type DuplicateCustomersError, InvalidInputError } from '../../domain/customers/errors.js';
import { presentCustomer } from '../../domain/customers/records.js';
import { Problem } from '../../http/problem.js';

// The domain's refusals as problems. Something outside the user's scope is "not found", exactly
// like an id that does not exist, so probing ids tells nothing.

const notFoundTitles: Record<string, string> = {
  customer: '客户不存在',
  contact: '联系人不存在',
  lead: '线索不存在',
  task: '待办不存在',
  rule: '规则不存在',
  opportunity: '商机不存在',
  stage: '销售阶段不存在',
  customField: '自定义字段不存在',
  user: '用户不存在',
  department: '部门不存在',
  tag: '标签不存在',
  tagGroup: '标签组不存在',
};

/** Turns the access layer's and the customer domain's errors into problems; others pass untouched. */
export const domainProblems: Middleware = async (_ctx, next) => {
  try {
    await next();
  } catch (error) {
    throw problemOf(error) ?? error;
  }
};

function problemOf(error: unknown): Problem | undefined {
  if (error instanceof NotVisibleError)
    return new Problem(404, 'not-found', notFoundTitles[error.object] ?? '资源不存在');
  if (error instanceof NotPermittedError) return new Problem(403, 'forbidden', error.reason);
  if (error instanceof FieldsRefusedError)
    return new Problem(403, 'field-refused', '没有权限使用标出的字段', undefined, error.fields);
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
