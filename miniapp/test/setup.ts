import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// lottie-web (a NutUI dependency) paints on a canvas when it is imported; jsdom has none.
HTMLCanvasElement.prototype.getContext = (() => ({ fillRect() {}, fillStyle: '' })) as never;

afterEach(() => {
  cleanup();
  localStorage.clear();
  sessionStorage.clear();
  vi.unstubAllGlobals();
  vi.clearAllMocks();
});
