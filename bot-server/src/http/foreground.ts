import type { Middleware } from 'koa';

/** Where the platforms call in: their answers are due within seconds (WeCom 5 s, DingTalk 1.5–2 s). */
const platformPaths = /^\/(wecom|dingtalk)\//;
export const isPlatformCallback = (path: string): boolean => platformPaths.test(path);

/**
 * Counts the platforms' callbacks in flight, so that background workers can let them go first: the
 * answer to a callback is what the platform waits for, while stored events and outbound messages
 * can be a moment later without anyone noticing.
 */
export class Foreground {
  #inFlight = 0;

  readonly middleware: Middleware = async (ctx, next) => {
    if (!isPlatformCallback(ctx.path)) return next();
    this.#inFlight += 1;
    try {
      await next();
    } finally {
      this.#inFlight -= 1;
    }
  };

  busy(): boolean {
    return this.#inFlight > 0;
  }
}
