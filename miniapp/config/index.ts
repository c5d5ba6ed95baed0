import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import CompressionPlugin from 'compression-webpack-plugin';
import type { Compiler } from 'webpack';

// Taro build configuration for the three targets: h5 (served by bot-server at /app/), weapp (the
// WeCom mini-program) and dd (the DingTalk mini-program, through the alipay-dd platform plugin).
// Each target builds into its own folder, so the three can be built one after the other.

// npm keeps a few packages in miniapp/node_modules rather than the root one (e.g.
// @tarojs/plugin-framework-react, whose optional `vite ^4` peer clashes with the root's vite), and
// Taro's own hoisted packages import them: let webpack look here too.
const ownModules = resolve(process.cwd(), 'node_modules');
type Chain = {
  resolve: {
    modules: { add(path: string): { add(path: string): unknown } };
    alias: { set(name: string, path: string): unknown };
  };
  plugin(name: string): { use(plugin: unknown, args?: unknown[]): unknown };
};
// The money and date formatters are @kelian/cards' (one for the cards, the bot and the app), taken
// as TypeScript source: webpack does not know the "@kelian/source" export condition, and Taro's
// Babel compiles only src/ unless told.
const sharedFormat = resolve(process.cwd(), '../cards/src/format');
const compile = { include: [sharedFormat] };

const findOwnModules = (chain: Chain) => {
  // Webpack's usual lookup first, then this folder (an empty list would mean webpack's default).
  chain.resolve.modules.add('node_modules').add(ownModules);
  chain.resolve.alias.set('@kelian/cards/format', sharedFormat);
};

/**
 * Writes which files each chunk group of the h5 build loads (the entry, and each page's lazy
 * group) to dist/h5-chunks.json, beside the served folder: scripts/budget.mjs adds up what a phone
 * downloads before the first page shows.
 */
class ChunkManifest {
  apply(compiler: Compiler) {
    compiler.hooks.afterEmit.tap('KelianChunkManifest', (compilation) => {
      const groups = compilation.chunkGroups.map((group) => ({
        name: group.name ?? null,
        entry: group.isInitial(),
        origins: group.origins.map((origin) => origin.request).filter(Boolean),
        files: [...new Set(group.chunks.flatMap((chunk) => [...chunk.files]))],
      }));
      const file = resolve(process.cwd(), 'dist/h5-chunks.json');
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `${JSON.stringify({ groups }, null, 2)}\n`);
    });
  }
}

export default defineConfig<'webpack5'>(async () => {
  const target = process.env.TARO_ENV ?? 'h5';
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'kelian',
    date: '2026-11-23',
    // NutUI is drawn for a 375 px wide design; so is the app, so px in the styles mean CSS px on a
    // 375 px phone, scaled to the screen (rpx on the mini-programs, rem on h5).
    designWidth: 375,
    deviceRatio: { 375: 2, 640: 2.34 / 2, 750: 1, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${target}`,
    plugins: target === 'dd' ? ['@tarojs/plugin-platform-alipay-dd'] : [],
    defineConstants: {},
    framework: 'react',
    compiler: 'webpack5',
    // Persistent webpack cache in node_modules/.cache: a rebuild takes seconds, not a minute.
    cache: { enable: true },
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      webpackChain: findOwnModules,
      compile,
    },
    h5: {
      publicPath: '/app/',
      enableSourceMap: process.env.KELIAN_SOURCEMAP === '1',
      sourceMapType: 'source-map',
      staticDirectory: 'static',
      // Koa serves /app/ as static files with an index fallback; a hash router needs nothing more.
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      esnextModules: ['@nutui'],
      compile,
      // Images stay files: inlined (Taro inlines under 2 KB), the tab bar's icons put ~10 KB of
      // base64 into app.js, which every page waits for.
      imageUrlLoaderOption: { limit: 1 },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      webpackChain(chain: Chain) {
        findOwnModules(chain);
        chain.plugin('kelian-chunk-manifest').use(ChunkManifest);
        // Each text file also as .br and .gz beside it, compressed once at build time with the
        // strongest settings; the server picks the one the browser accepts (src/miniapp/routes.ts).
        const compressed = { test: /\.(js|css|html|svg|json)$/, threshold: 1024, minRatio: 0.9 };
        chain.plugin('kelian-gzip').use(CompressionPlugin, [{ ...compressed, algorithm: 'gzip' }]);
        chain
          .plugin('kelian-brotli')
          .use(CompressionPlugin, [
            { ...compressed, algorithm: 'brotliCompress', filename: '[path][base].br' },
          ]);
      },
    },
  };
  return config;
});
