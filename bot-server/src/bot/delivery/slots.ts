// Where one more send fits into a platform's sliding windows. Pure, so it is the same on every
// instance and easy to test; the rate gate feeds it the sends the database knows of.
import type { RateWindow } from '../../platforms/common.js';

/** A person's answer, or a notification; see `limitFor`. */
export type Lane = 'direct' | 'bulk';

/**
 * Sends that are this close together count as one window even though they are not: the platform
 * counts when a request arrives, which is a little after the moment we recorded.
 */
const marginMs = (window: RateWindow) => Math.min(1000, Math.ceil(window.windowMs / 10));

/**
 * Notifications leave a sixth of every window free, so that a person who types to the bot is
 * answered at once even while a burst of cards fills their inbox.
 */
export function limitFor(window: RateWindow, lane: Lane): number {
  if (lane === 'direct' || window.limit < 6) return window.limit;
  return window.limit - Math.floor(window.limit / 6);
}

/**
 * Whether a send at `at` keeps every window within its limit, given the other sends `times`
 * (ascending, past and booked). A window is broken when `limit + 1` consecutive sends span less
 * than the window, so only the runs around the new send need a look.
 */
export function fits(
  times: readonly number[],
  at: number,
  windows: readonly RateWindow[],
  lane: Lane,
): boolean {
  const position = upperBound(times, at);
  const withSend = (i: number) => (i < position ? times[i]! : i === position ? at : times[i - 1]!);
  const count = times.length + 1;
  for (const window of windows) {
    const limit = limitFor(window, lane);
    const span = window.windowMs + marginMs(window);
    for (let first = Math.max(0, position - limit); first <= position && first + limit < count; first++) {
      if (withSend(first + limit) - withSend(first) < span) return false;
    }
  }
  return true;
}

/** The earliest time at or after `from` at which one more send fits (see `fits`). */
export function earliestSlot(
  times: readonly number[],
  windows: readonly RateWindow[],
  from: number,
  lane: Lane,
): number {
  if (fits(times, from, windows, lane)) return from;
  // A window opens when one of its sends leaves it: try those moments in order. The last one is
  // past every window of every send, so the loop always ends with a slot.
  const candidates = new Set<number>();
  for (const time of times)
    for (const window of windows) {
      const opens = time + window.windowMs + marginMs(window);
      if (opens > from) candidates.add(opens);
    }
  for (const candidate of [...candidates].sort((a, b) => a - b)) {
    if (fits(times, candidate, windows, lane)) return candidate;
  }
  throw new Error('unreachable: a send after every window always fits');
}

/** The earliest time at or after `from` that fits every key's windows at once. */
export function earliestForAll(
  keys: readonly { times: readonly number[]; windows: readonly RateWindow[] }[],
  from: number,
  lane: Lane,
): number {
  let at = from;
  for (;;) {
    const next = Math.max(at, ...keys.map((k) => earliestSlot(k.times, k.windows, at, lane)));
    if (next === at) return at;
    at = next;
  }
}

/** Index of the first time later than `bound` in ascending `times`. */
function upperBound(times: readonly number[], bound: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (times[mid]! > bound) high = mid;
    else low = mid + 1;
  }
  return low;
}
