import { useEffect } from 'react';
import { vi } from 'vitest';

// @tarojs/taro as the pages use it, for jsdom: storage on localStorage in the h5 build's format,
// navigation recorded, page hooks as effects. The real module has no request/navigation in Node.
// Use: vi.mock('@tarojs/taro', async (real) => (await import('./taro-mock')).withRealTaro(await real()));

export const router = { params: {} as Record<string, string> };

export const taro = {
  getStorageSync: (key: string) => {
    const raw = localStorage.getItem(key);
    return raw === null ? '' : (JSON.parse(raw) as { data: unknown }).data;
  },
  setStorageSync: (key: string, data: unknown) => localStorage.setItem(key, JSON.stringify({ data })),
  removeStorageSync: (key: string) => localStorage.removeItem(key),
  reLaunch: vi.fn(async (_: { url: string }) => ({ errMsg: 'reLaunch:ok' })),
  showToast: vi.fn(async (_: { title: string }) => ({ errMsg: 'showToast:ok' })),
  showModal: vi.fn(async (_: { title: string; content: string }) => ({ confirm: true, cancel: false })),
  getLaunchOptionsSync: () => ({ query: {} }),
  request: vi.fn(),
};

export default taro;
export const { getStorageSync, setStorageSync, removeStorageSync, reLaunch, showToast, showModal } = taro;
/** Taro's page hooks run once when the page loads: an effect that runs once. */
export const useLoad = (fn: () => void) =>
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per page, like Taro's own hook
  useEffect(() => {
    fn();
  }, []);
export const useDidShow = useLoad;
export const useLaunch = useLoad;
export const useRouter = () => router;

/** The real @tarojs/taro (getEnv, ENV_TYPE… which NutUI reads) with the pieces above in place. */
export function withRealTaro(real: Record<string, unknown>) {
  const base = (real.default ?? {}) as Record<string, unknown>;
  const mine = { taro, router, useLoad, useDidShow, useLaunch, useRouter, ...taro };
  return { ...base, ...real, ...mine, default: { ...base, ...taro } };
}
