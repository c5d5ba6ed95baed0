import { fireEvent } from '@testing-library/react';
import { vi } from 'vitest';
import { pageTaro, withPageTaro } from './customers-taro';

// customers-taro.ts plus what the sales pages call: switching tabs (商机 and 待办 are tab pages).
// Use: vi.mock('@tarojs/taro', async (real) => (await import('./sales-taro')).withSalesTaro(await real()));

export const salesTaro = {
  ...pageTaro,
  switchTab: vi.fn(async (_: { url: string }) => ({ errMsg: 'switchTab:ok' })),
};

export function withSalesTaro(real: Record<string, unknown>) {
  const base = withPageTaro(real);
  return { ...base, ...salesTaro, default: { ...base.default, ...salesTaro } };
}

/**
 * Types into the Taro Textarea or Input with this placeholder: the Textarea is Taro's custom element,
 * which reports `detail.value`; the Input renders a plain input.
 */
export function typeInto(placeholder: string, value: string) {
  const input = document.querySelector(`input.taro-input-core[placeholder="${placeholder}"]`);
  if (input) {
    fireEvent.input(input, { target: { value } });
    return;
  }
  const element = document.querySelector(`taro-textarea-core[placeholder="${placeholder}"]`);
  if (!element) throw new Error(`no textarea or input with the placeholder ${placeholder}`);
  fireEvent(element, new CustomEvent('input', { detail: { value }, bubbles: true }));
}
