// Failure switches: make the next N calls of an endpoint fail or slow down, the way the real
// platforms sometimes do, so Kelian's retries, token refresh and back-off can be watched at work.

/** DingTalk failures by meaning; each endpoint answers in its own host's shape (new API or oapi). */
export const DINGTALK_FAILURES = [
  'token_invalid',
  'token_expired',
  'qps_app',
  'qps_api',
  'busy',
  'no_permission',
  'api_count_limit',
  'ip_banned',
] as const;
export type DingTalkFailure = (typeof DINGTALK_FAILURES)[number];

interface SwitchBase {
  /**
   * The endpoint path below its API base, as in `message/send`, `v1.0/card/instances` or
   * `topapi/v2/user/list`; `*` for every endpoint of the platform.
   */
  api: string;
  /** How many calls it affects. */
  times: number;
  latencyMs?: number;
  /** Affect only every n-th call (e.g. 20: one call in twenty, a 5 % error rate); the others pass. */
  every?: number;
}

export type SwitchSpec =
  | (SwitchBase & { platform: 'wecom'; errcode?: number })
  | (SwitchBase & { platform: 'dingtalk'; failure?: DingTalkFailure });

export type ArmedSwitch = SwitchSpec & { id: number; remaining: number; seen: number };

export class FailureSwitches {
  #armed: ArmedSwitch[] = [];
  #nextId = 1;

  arm(spec: SwitchSpec): ArmedSwitch {
    const armed = { ...spec, id: this.#nextId++, remaining: spec.times, seen: 0 };
    this.#armed.push(armed);
    return { ...armed };
  }

  list(): ArmedSwitch[] {
    return this.#armed.map((s) => ({ ...s }));
  }

  clear(): void {
    this.#armed = [];
  }

  /** The switch that fires for this call, oldest first; firing uses up one of its calls. */
  take(platform: SwitchSpec['platform'], api: string): SwitchSpec | undefined {
    const hit = this.#armed.find((s) => s.platform === platform && (s.api === '*' || s.api === api));
    if (!hit) return undefined;
    hit.seen += 1;
    if (hit.every && hit.seen % hit.every !== 0) return undefined;
    hit.remaining -= 1;
    if (hit.remaining <= 0) this.#armed = this.#armed.filter((s) => s !== hit);
    const { id: _id, remaining: _remaining, seen: _seen, ...spec } = hit;
    return spec;
  }
}
