// Size budgets of the built mini-app, checked after `npm run build` (and in CI through it):
//   weapp: the main package (everything in dist/weapp outside the sub-packages' roots) under 600 KB;
//          WeCom, like WeChat, refuses a main package over 2 MB (and a sub-package over 2 MB).
//   h5:    the JavaScript a phone downloads before the first page shows (the entry chunks and the
//          first page's own chunk), as the server sends it gzipped (the build's .gz files; brotli, which
//          most browsers take, is smaller still), under 150 KB.
// dd is reported, not budgeted. Exits 1 when a budget is exceeded or a build is missing.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');
const KB = 1024;
const budgets = { weapp: 600 * KB, h5: 150 * KB };

const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;
let failed = false;
const fail = (message) => {
  failed = true;
  console.error(`✖ ${message}`);
};

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true })
    .map((name) => join(dir, String(name)))
    .filter((path) => statSync(path).isFile());
}

function packageSize(target) {
  const dir = join(dist, target);
  if (!existsSync(dir)) return undefined;
  return filesUnder(dir).reduce((sum, path) => sum + statSync(path).size, 0);
}

/** The sub-packages' root folders of a mini-program build, from its app.json. */
function subPackageRoots(target) {
  const app = JSON.parse(readFileSync(join(dist, target, 'app.json'), 'utf8'));
  return (app.subPackages ?? app.subpackages ?? []).map((p) => join(dist, target, p.root));
}

// weapp main package
const weapp = packageSize('weapp');
if (weapp === undefined) fail('dist/weapp is missing: run `npm run build:weapp -w @kelian/miniapp` first');
else {
  const roots = subPackageRoots('weapp');
  const inSub = (path) => roots.some((root) => path.startsWith(`${root}/`));
  const sub = filesUnder(join(dist, 'weapp'))
    .filter(inSub)
    .reduce((sum, path) => sum + statSync(path).size, 0);
  const main = weapp - sub;
  const line = `weapp main package ${kb(main)} (budget ${kb(budgets.weapp)}), sub-packages ${kb(sub)}`;
  if (main > budgets.weapp) fail(line);
  else console.log(`✔ ${line}`);
}

// dd, for the record
const dd = packageSize('dd');
console.log(
  dd === undefined ? '- dd not built' : `- dd package ${kb(dd)} (no budget; DingTalk's limit is 2 MB)`,
);

// h5 before the first page
const manifestPath = join(dist, 'h5-chunks.json');
if (!existsSync(manifestPath) || !existsSync(join(dist, 'h5', 'index.html'))) {
  fail('dist/h5 or dist/h5-chunks.json is missing: run `npm run build:h5 -w @kelian/miniapp` first');
} else {
  const appConfig = readFileSync(join(root, 'src', 'app.config.ts'), 'utf8');
  const firstPage = /pages:\s*\[\s*'([^']+)'/.exec(appConfig)?.[1];
  const { groups } = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const entry = groups.filter((g) => g.entry);
  const page = groups.find((g) => !g.entry && g.origins.includes(`./${firstPage}`));
  if (!firstPage || entry.length === 0 || !page) {
    fail(
      `cannot tell which h5 chunks load before the first page (${firstPage ?? 'no pages in app.config.ts'})`,
    );
  } else {
    const files = [...new Set([...entry, page].flatMap((g) => g.files))].filter((f) => f.endsWith('.js'));
    let total = 0;
    let brTotal = 0;
    for (const file of files) {
      const path = join(dist, 'h5', file);
      const bytes = statSync(path).size;
      // What the server sends: the files the build compressed beside each one (config/index.ts).
      const missing = ['.gz', '.br'].filter((ext) => !existsSync(`${path}${ext}`));
      if (missing.length > 0)
        fail(`${file} has no ${missing.join(' / ')} beside it: the server would send it uncompressed`);
      const gz = existsSync(`${path}.gz`) ? statSync(`${path}.gz`).size : bytes;
      const br = existsSync(`${path}.br`) ? statSync(`${path}.br`).size : bytes;
      total += gz;
      brTotal += br;
      console.log(
        `    ${file.padEnd(26)} ${kb(bytes).padStart(9)} → ${kb(gz).padStart(8)} gzip, ${kb(br).padStart(8)} br`,
      );
    }
    const line = `h5 JavaScript before ${firstPage}: ${kb(total)} gzip, ${kb(brTotal)} br (budget ${kb(budgets.h5)} gzip)`;
    if (total > budgets.h5) fail(line);
    else console.log(`✔ ${line}`);
  }
}

if (failed) process.exit(1);
