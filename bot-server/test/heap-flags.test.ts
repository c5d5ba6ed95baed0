// The server runs with the heap flags of src/heap-flags.ts however it is started: npm start and
// npm run dev, at the root and in the workspace (the benches and test/support/server-process.ts take
// them from the module itself). Issue 13's memory figures hold only with them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { serverHeapFlags } from '../src/heap-flags.js';
import { repoRoot } from './support/server-process.js';

const scriptsOf = (dir: string): Record<string, string> =>
  JSON.parse(readFileSync(join(repoRoot, dir, 'package.json'), 'utf8')).scripts;

test.each([
  ['.', 'start'],
  ['.', 'dev'],
  ['bot-server', 'start'],
  ['bot-server', 'dev'],
])('%s: npm run %s starts the server with the heap flags', (dir, script) => {
  // The command that runs main.ts: `node …` or `tsx …` (the root start builds the mini-app first).
  const commands = scriptsOf(dir)[script]!.split('&&');
  const server = commands.find((command) => command.includes('main.ts'))!;
  expect(server.trim().split(/\s+/)).toEqual(expect.arrayContaining([...serverHeapFlags]));
});
