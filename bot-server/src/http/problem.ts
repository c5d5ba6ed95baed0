// Errors as RFC 9457 problem details: a stable `type` for programs, a Chinese `title` for people.

export interface FieldProblem {
  /** Dotted path of the offending field, e.g. `contacts.0.mobile`. */
  field: string;
  message: string;
}

export class Problem extends Error {
  constructor(
    readonly status: number,
    /** Stable machine-readable code; becomes `urn:kelian:problem:<code>`. */
    readonly code: string,
    /** What went wrong, in Chinese, for the person using the product. */
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldProblem[],
  ) {
    super(detail ? `${title}: ${detail}` : title);
    this.name = 'Problem';
  }

  toJSON(instance: string, requestId: string) {
    return {
      type: `urn:kelian:problem:${this.code}`,
      title: this.title,
      status: this.status,
      ...(this.detail === undefined ? {} : { detail: this.detail }),
      ...(this.errors === undefined ? {} : { errors: this.errors }),
      instance,
      requestId,
    };
  }
}

export const notFound = (what = '资源') => new Problem(404, 'not-found', `${what}不存在`);
