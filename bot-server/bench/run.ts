// `npm run bench` runs every bench; name some to run only those:
//   npm run bench -w @kelian/bot-server -- callbacks        (or: BENCH=callbacks npm run bench)
//   npm run bench -w @kelian/bot-server -- search callbacks
// Each bench runs in its own Node process, one after the other, on its own throwaway database
// (PostgreSQL when BENCH_DATABASE_URL is set, otherwise embedded PGlite). See bench/README.md.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serverHeapFlags } from '../src/heap-flags.js';

/** Each bench is bench/<name>.ts; the text is what `npm run bench -- <unknown>` lists. */
const registry: Record<string, string> = {
  search: 'customer search on 1,000,000 customers (minutes)',
  callbacks: 'WeCom callback path: full vs bare handler, fixed rate, slow platform API (3–5 min)',
  pipeline: 'event drain (10,000 events) and card delivery (10,000 cards to 200 members) (~5 min)',
  users: '20 people at once on the demo company, and memory over rounds of callbacks (~3 min)',
  customers: 'mini-app customer list per kind of search and 360° view on 1,000,000 customers (minutes)',
  grid: 'customers grid: first 100 rows and 1,000-row batch edits on 1,000,000 customers (minutes)',
  approvals: 'route evaluation of a 20-node flow; 1,000 pending approvals listed for one approver (~1 min)',
  'approval-cards': 'a decision reflected on every copy of the approval card, click to last copy (~1 min)',
  lists: "every list route's first page at 100,000 rows per table, rep / manager / admin (3–6 min)",
};
const fileOf = (name: string) => fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
const benches = Object.fromEntries(Object.entries(registry).filter(([name]) => existsSync(fileOf(name))));

const asked = [...process.argv.slice(2), ...(process.env.BENCH ?? '').split(/[\s,]+/)].filter(Boolean);
const unknown = asked.filter((name) => !(name in benches));
if (unknown.length > 0) {
  const known = Object.entries(benches).map(([name, what]) => `  ${name.padEnd(10)} ${what}`);
  console.error(`Unknown bench ${unknown.join(', ')}. Available:\n${known.join('\n')}`);
  process.exit(2);
}

for (const name of asked.length > 0 ? [...new Set(asked)] : Object.keys(benches)) {
  process.stderr.write(`\n== bench ${name}: ${benches[name]}\n`);
  const file = fileOf(name);
  // The same Node with the same loader flags (tsx, --conditions) as this process, and the heap
  // flags the server runs with under `npm start`: the benches boot the server in their process.
  const child = spawn(process.execPath, [...serverHeapFlags, ...process.execArgv, file], {
    stdio: 'inherit',
  });
  const code = await new Promise<number>((resolve) =>
    child.on('exit', (status, signal) => resolve(status ?? (signal ? 1 : 0))),
  );
  if (code !== 0) {
    console.error(`bench ${name} failed (exit ${code})`);
    process.exit(code);
  }
}
