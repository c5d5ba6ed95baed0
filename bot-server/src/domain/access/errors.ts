// Refusals of the access layer. The domain knows no HTTP: the API turns these into problems
// (404, 403), the bot into sentences.

/** The object does not exist for this user: absent, in the recycle bin, or outside their scope. */
export class NotVisibleError extends Error {
  constructor(readonly object: string) {
    super(`${object} not visible`);
    this.name = 'NotVisibleError';
  }
}

/** The user sees the object but may not do this with it; `reason` is worded for them. */
export class NotPermittedError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'NotPermittedError';
  }
}

/** Fields the user may not write (or filter by), each with a reason worded for them. */
export class FieldsRefusedError extends Error {
  constructor(readonly fields: { field: string; message: string }[]) {
    super(fields.map((f) => f.field).join(', '));
    this.name = 'FieldsRefusedError';
  }
}
