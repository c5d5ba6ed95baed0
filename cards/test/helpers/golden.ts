import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';

export const GOLDEN_DIR = join(import.meta.dirname, '..', 'golden');

/** `UPDATE_GOLDEN=1 npx vitest run --project cards` rewrites the golden files instead of comparing. */
export function updatingGolden(): boolean {
  return process.env.UPDATE_GOLDEN === '1';
}

/** Compares `actual` with `golden/<file>`, or rewrites the file when updating. */
export function expectGolden(file: string, actual: unknown): void {
  const path = join(GOLDEN_DIR, file);
  const json = `${JSON.stringify(actual, null, 2)}\n`;
  if (updatingGolden()) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, json);
    return;
  }
  expect(existsSync(path), `${file} is missing: run with UPDATE_GOLDEN=1 and review the new file`).toBe(true);
  expect(JSON.parse(json)).toEqual(JSON.parse(readFileSync(path, 'utf8')));
}
