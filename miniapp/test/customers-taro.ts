import { vi } from 'vitest';
import { withRealTaro } from './taro-mock';

// taro-mock.ts plus what the customer pages call: page navigation, the phone, list page hooks.
// Use: vi.mock('@tarojs/taro', async (real) => (await import('./customers-taro')).withPageTaro(await real()));

export const pageTaro = {
  navigateTo: vi.fn(async (_: { url: string }) => ({ errMsg: 'navigateTo:ok' })),
  redirectTo: vi.fn(async (_: { url: string }) => ({ errMsg: 'redirectTo:ok' })),
  navigateBack: vi.fn(async () => ({ errMsg: 'navigateBack:ok' })),
  makePhoneCall: vi.fn(async (_: { phoneNumber: string }) => ({ errMsg: 'makePhoneCall:ok' })),
  setNavigationBarTitle: vi.fn(async (_: { title: string }) => ({ errMsg: 'setNavigationBarTitle:ok' })),
  stopPullDownRefresh: vi.fn(),
  pageScrollTo: vi.fn(async (_: { selector: string }) => ({ errMsg: 'pageScrollTo:ok' })),
};

export function withPageTaro(real: Record<string, unknown>) {
  const base = withRealTaro(real);
  const hooks = { useReachBottom: () => {}, usePullDownRefresh: () => {} };
  return { ...base, ...pageTaro, ...hooks, default: { ...base.default, ...pageTaro } };
}
