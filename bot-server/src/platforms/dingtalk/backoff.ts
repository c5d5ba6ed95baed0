// Bounded exponential backoff with jitter, shared by API retries and Stream reconnects: the jitter
// keeps instances that failed together from retrying together.

export interface Backoff {
  initialMs: number;
  maxMs: number;
}

/** Delay before retry number `attempt` (0-based): between half and all of min(max, initial·2^attempt). */
export function backoffDelay(backoff: Backoff, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(backoff.maxMs, backoff.initialMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
