import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { loadConfig } from '../src/config.js';
import { envSchema } from '../src/schema.js';

const examplePath = resolve(import.meta.dirname, '../../.env.example');

test('.env.example documents every configuration key, and only those', () => {
  const example = readFileSync(examplePath, 'utf8');
  const documented = [...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]);
  expect(documented.sort()).toEqual(Object.keys(envSchema.shape).sort());
});

test('.env.example copied as it is gives the out-of-the-box configuration', () => {
  expect(loadConfig({ env: {}, envFile: examplePath })).toEqual(loadConfig({ env: {}, envFile: false }));
});
