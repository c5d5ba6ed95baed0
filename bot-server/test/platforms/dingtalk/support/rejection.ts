import { expect } from 'vitest';
import { DingTalkApiError } from '../../../../src/platforms/dingtalk/errors.js';

/** The DingTalkApiError `promise` is rejected with (failing the test if it resolves or fails otherwise). */
export async function rejection(promise: Promise<unknown>): Promise<DingTalkApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DingTalkApiError);
  return error as DingTalkApiError;
}
