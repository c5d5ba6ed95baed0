import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// Component tests of the mini-app in jsdom, as the h5 build runs it: './x' resolves to x.h5.ts
// first (the chat SDKs, the browser's fetch), Taro's components render as plain elements, and
// @tarojs/taro is mocked by each test (see test/taro-mock.ts).
export default defineConfig({
  define: {
    // Build-time flags Taro's runners inject; without them: "ENABLE_INNER_HTML is not defined".
    ENABLE_INNER_HTML: 'true',
    ENABLE_ADJACENT_HTML: 'true',
    ENABLE_SIZE_APIS: 'false',
    ENABLE_TEMPLATE_CONTENT: 'true',
    ENABLE_CLONE_NODE: 'true',
    ENABLE_CONTAINS: 'true',
    ENABLE_MUTATION_OBSERVER: 'false',
    DEPRECATED_ADAPTER_COMPONENT: 'false',
    'process.env.TARO_ENV': JSON.stringify('h5'),
    'process.env.TARO_PLATFORM': JSON.stringify('web'),
    'process.env.TARO_APP_API_BASE': JSON.stringify(''),
    'process.env.TARO_APP_WECOM_OAUTH_BASE': JSON.stringify('https://open.weixin.qq.com'),
  },
  resolve: {
    extensions: ['.h5.tsx', '.h5.ts', '.mjs', '.js', '.mts', '.ts', '.jsx', '.tsx', '.json'],
    alias: [
      // Without it @tarojs/components resolves to Stencil classes ("cannot be invoked without 'new'").
      { find: /^@tarojs\/components$/, replacement: require.resolve('@tarojs/components-react') },
      // As the builds take it (config/index.ts): the shared formatters' TypeScript source.
      {
        find: /^@kelian\/cards\/format\//,
        replacement: `${fileURLToPath(new URL('../cards/src/format/', import.meta.url))}`,
      },
      {
        find: /^@nutui\/nutui-react-taro$/,
        replacement: require.resolve('@nutui/nutui-react-taro/dist/es/packages/nutui.react.build.js'),
      },
    ],
  },
  test: {
    name: 'miniapp',
    environment: 'jsdom',
    include: ['test/**/*.test.{ts,tsx}'],
    setupFiles: ['test/setup.ts'],
    css: false,
    server: { deps: { inline: [/@nutui\//] } },
  },
});
