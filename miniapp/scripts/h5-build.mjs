// A current h5 build of the mini-app, for whoever serves it (the browser tests; `npm start` may
// use it too): builds dist/h5 when it is missing or older than any of its sources. With the
// webpack cache a rebuild takes about 10 s, a cold one 30–45 s.
//   import { ensureH5Build } from '../../miniapp/scripts/h5-build.mjs'; ensureH5Build();
//   node miniapp/scripts/h5-build.mjs   (the same from a shell)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = join(root, 'dist', 'h5-chunks.json');
// The shared formatters are compiled from cards' source into the build (config/index.ts).
const inputs = [
  'src',
  '../cards/src/format',
  'config',
  'package.json',
  'babel.config.cjs',
  '.env',
  '.env.production',
  '.env.local',
];

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path, { recursive: true }).reduce((max, name) => {
    const s = statSync(join(path, String(name)));
    return s.isFile() ? Math.max(max, s.mtimeMs) : max;
  }, 0);
}

/** Why dist/h5 must be (re)built, or undefined when it is current. */
export function h5BuildReason() {
  if (!existsSync(stamp) || !existsSync(join(root, 'dist', 'h5', 'index.html'))) return 'missing';
  const built = statSync(stamp).mtimeMs;
  const changed = inputs.find((input) => newest(join(root, input)) > built);
  return changed === undefined ? undefined : `older than ${changed}`;
}

/** Builds dist/h5 unless it is current; throws with Taro's output when the build fails. */
export function ensureH5Build({ log = console.log } = {}) {
  const reason = h5BuildReason();
  if (reason === undefined) return false;
  log(`miniapp: building dist/h5 (${reason})…`);
  const bin = join(root, '..', 'node_modules', '.bin');
  const result = spawnSync(join(bin, 'taro'), ['build', '--type', 'h5'], {
    cwd: root,
    // A production build whatever the caller runs under (vitest sets NODE_ENV=test).
    env: {
      ...process.env,
      PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`,
      CI: 'true',
      NODE_ENV: 'production',
    },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0 || h5BuildReason() !== undefined) {
    const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.slice(-4000);
    throw new Error(`the mini-app's h5 build failed (npm run build:h5 -w @kelian/miniapp):\n${output}`);
  }
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) ensureH5Build();
