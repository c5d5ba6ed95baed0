import { type Refusal, type RefusalCode, type RefusalParams, refusalText } from './refusals.js';

// Refusals of the access layer, each with a stable code (refusals.ts): the domain knows no HTTP;
// the API turns them into problems (404, 403, 409), the bot into sentences, both from that table.

/** Any refusal the domain throws: a code and its parameters, worded only by the table. */
export class RefusedError extends Error implements Refusal {
  constructor(
    readonly code: RefusalCode,
    readonly params: RefusalParams = {},
  ) {
    super(refusalText({ code, params }));
    this.name = 'RefusedError';
  }

  /** The refusal worded for the person (from the one table). */
  get reason(): string {
    return refusalText(this);
  }
}

/** The object does not exist for this user: absent, in the recycle bin, or outside their scope. */
export class NotVisibleError extends RefusedError {
  constructor(readonly object: string) {
    super('not-visible', { object });
    this.name = 'NotVisibleError';
  }
}

/** The user sees the object but may not do this with it. */
export class NotPermittedError extends RefusedError {
  constructor(code: RefusalCode, params: RefusalParams = {}) {
    super(code, params);
    this.name = 'NotPermittedError';
  }
}

/** Fields the user may not write (or filter by), each with a reason worded for them. */
export class FieldsRefusedError extends RefusedError {
  constructor(readonly fields: { field: string; message: string }[]) {
    super('field-refused', { fields: fields.map((f) => f.field).join(', ') });
    this.name = 'FieldsRefusedError';
  }
}
