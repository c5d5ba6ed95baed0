// Errors every business module may raise; a module's own errors live in its folder (the access
// policy's refusals in access/errors.ts, a suspected duplicate customer in customers/errors.ts).

/** Input that is well-formed but does not fit the data (an unknown tag, another customer's contact). */
export class InvalidInputError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'InvalidInputError';
  }
}
