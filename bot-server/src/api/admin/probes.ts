import type { ProbeResult } from '../../domain/golive/check.js';
import { DingTalkApiError } from '../../platforms/dingtalk/errors.js';
import { WeComApiError, WeComTransportError } from '../../platforms/wecom/errors.js';

// The checklist's live calls, their answers turned into codes and messages the checklist words.

export async function probe(call: () => Promise<void>): Promise<ProbeResult> {
  try {
    await call();
    return { ok: true };
  } catch (error) {
    if (error instanceof WeComApiError)
      return { ok: false, code: String(error.errcode), message: error.errmsg };
    if (error instanceof WeComTransportError)
      return { ok: false, code: 'unreachable', message: error.reason };
    if (error instanceof DingTalkApiError) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}
