import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
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
