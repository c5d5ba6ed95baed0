/**
 * Thrown when a card would break a platform limit (too many buttons, a task_id WeCom rejects,
 * a DingTalk value over 1 KB…). Cards are built from data, so a limit is a bug to surface in
 * tests, never something to hide by dropping content.
 */
export class CardLimitError extends Error {
  override readonly name = 'CardLimitError';

  constructor(
    /** Which rule was broken, stable for tests and logs, e.g. `actions.max`. */
    readonly rule: string,
    message: string,
  ) {
    super(message);
  }
}
