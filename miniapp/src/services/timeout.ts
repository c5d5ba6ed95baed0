// Some chat-client APIs never answer outside the client (or when the bridge is broken), so every
// call into a platform SDK runs against a clock.

export class TimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TimeoutError';
  }
}

/** `work`, or a TimeoutError carrying `message` (shown to the person) after `ms`. */
export function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const clock = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(message)), ms);
  });
  return Promise.race([work, clock]).finally(() => clearTimeout(timer));
}

/** How long a platform SDK gets to answer before the page says so. */
export const SDK_TIMEOUT_MS = 8000;
