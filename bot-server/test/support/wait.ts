/**
 * Polls `check` until it returns a value other than undefined, or fails after `ms`. `what` names
 * the awaited condition; as a function it is asked at the deadline, to tell how far things got.
 */
export async function waitFor<T>(
  check: () => Promise<T | undefined>,
  ms = 10_000,
  what: string | (() => string) = 'condition',
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${ms} ms waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
