// One line of the going-live checklist: what was checked, how it went, and for anything short of ok
// what to do about it, in which console. Platform-neutral: the probes (api/admin/probes.ts) bring
// the platforms' answers in as codes and messages.

export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface Check {
  /** Stable, for programs and tests: `public-url`, `wecom.token`, `org-sync.dingtalk` … */
  id: string;
  platform: 'wecom' | 'dingtalk' | null;
  status: CheckStatus;
  title: string;
  detail: string;
  /** What to do, step by step, starting with the console (企业微信管理后台 → …); null when ok. */
  fix: string | null;
}

/** What a live call to a platform answered: fine, or its code and message (never a secret). */
export type ProbeResult = { ok: true } | { ok: false; code: string; message: string };
