import { cleanup } from '@testing-library/react';
import { afterAll, afterEach, vi } from 'vitest';
import { takeDisagreements } from './fake-api';

// lottie-web (a NutUI dependency) paints on a canvas when it is imported; jsdom has none.
HTMLCanvasElement.prototype.getContext = (() => ({ fillRect() {}, fillStyle: '' })) as never;

afterEach(() => {
  cleanup();
  localStorage.clear();
  sessionStorage.clear();
  vi.unstubAllGlobals();
  vi.clearAllMocks();
  const found = takeDisagreements();
  if (found.length > 0) throw new Error(`answers disagree with the server's contract:\n${found.join('\n')}`);
});

// NutUI's animated Skeleton replays its animation from a 10 ms timer that unmounting does not clear:
// one left pending when a file ends fires after jsdom is gone ("window is not defined", an unhandled
// error that fails the run). Let such timers fire while the window still exists.
afterAll(() => new Promise<void>((resolve) => setTimeout(resolve, 50)));
