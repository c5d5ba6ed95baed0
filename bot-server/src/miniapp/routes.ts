import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import Router from '@koa/router';
import type { Context } from 'koa';
import { Problem } from '../http/problem.js';

/** The encodings the build writes beside each text file (miniapp/config/index.ts), best first. */
const encodings = { br: '.br', gzip: '.gz' } as const;
type Encoding = keyof typeof encodings;

/**
 * The encoding to send `file` in: the best one the browser accepts whose file the build wrote
 * (small files are not compressed), declared on the answer; undefined to send it as it is.
 */
function precompressed(ctx: Context, file: string): Encoding | undefined {
  const variants = (Object.keys(encodings) as Encoding[]).filter((e) => existsSync(`${file}${encodings[e]}`));
  if (variants.length === 0) return undefined;
  // Caches keep one copy per encoding the browsers ask for.
  ctx.vary('Accept-Encoding');
  // Ours first: browsers list gzip before br at the same weight, and br is the smaller.
  const chosen = variants.find((e) => ctx.acceptsEncodings(e) === e);
  if (chosen) ctx.set('Content-Encoding', chosen);
  return chosen;
}

/** The mini-app's H5 build, next to this server in the monorepo. */
export const miniappH5Dir = resolve(import.meta.dirname, '../../../miniapp/dist/h5');

/**
 * Serves the mini-app's H5 build at /app/: the page the WeCom and DingTalk web views, the WeCom chat
 * sidebar and plain browsers open. The app routes by hash, so only real files exist below /app/.
 * Files with a content hash in their name are cached for a year; index.html never is, so a new
 * build reaches users on their next visit.
 */
export function miniappRoutes(root = miniappH5Dir): Router {
  // Strict: /app and /app/ are different routes, or the redirect would loop.
  const router = new Router({ strict: true });
  router.get('/app', (ctx) => ctx.redirect('/app/'));
  // Cards link to <appBase>/pages/customers/detail?id=7 (cards/src/builders/paths.ts), a path the
  // mini-programs open as is; on h5 the same page lives behind the hash router.
  router.get('/app/pages/{*page}', (ctx) => {
    const { page } = ctx.params as { page: string };
    ctx.redirect(`/app/#/pages/${page}${ctx.search}`);
  });
  router.get(['/app/', '/app/{*path}'], (ctx) => {
    const relative = (ctx.params as { path?: string }).path ?? 'index.html';
    const file = resolve(root, relative);
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      if (relative === 'index.html') {
        throw new Problem(
          503,
          'miniapp-not-built',
          '小程序页面尚未构建',
          '运行 npm run build -w @kelian/miniapp',
        );
      }
      throw new Problem(404, 'not-found', '请求的地址不存在');
    }
    ctx.type = extname(file);
    ctx.set(
      'Cache-Control',
      /\.[0-9a-f]{8,}\./.test(relative) ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
    const encoding = precompressed(ctx, file);
    ctx.body = createReadStream(encoding ? `${file}${encodings[encoding]}` : file);
  });
  return router;
}
