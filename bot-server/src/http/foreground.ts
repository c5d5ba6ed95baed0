import type { Middleware } from 'koa';

/** Where the platforms call in: their answers are due within seconds (WeCom 5 s, DingTalk 1.5–2 s). */
const platformPaths = /^\/(wecom|dingtalk)\//;
export const isPlatformCallback = (path: string): boolean => platformPaths.test(path);

/**
 * Counts the platforms' callbacks in flight, so that background workers can let them go first: the
 * answer to a callback is what the platform waits for, while stored events and outbound messages
 * can be a moment later without anyone noticing. The count is in shared memory: workers in a thread
 * of their own read it there (`foregroundBusy`), as they compete with the door for the same cores.
 */
export class Foreground {
  readonly shared = new SharedArrayBuffer(4);
  readonly #inFlight = new Int32Array(this.shared);
  /** Whether callbacks are in flight: what this thread's workers ask. */
  readonly busy = foregroundBusy(this.shared);

  readonly middleware: Middleware = async (ctx, next) => {
    if (!isPlatformCallback(ctx.path)) return next();
    Atomics.add(this.#inFlight, 0, 1);
    try {
      await next();
    } finally {
      Atomics.sub(this.#inFlight, 0, 1);
    }
  };
}

/** Whether the server thread's `Foreground` (by its `shared` memory) has callbacks in flight. */
export function foregroundBusy(shared: SharedArrayBuffer): () => boolean {
  const inFlight = new Int32Array(shared);
  return () => Atomics.load(inFlight, 0) > 0;
}
