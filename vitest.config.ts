import { defineConfig } from 'vitest/config';

// One run over every package; each package's vitest.config.ts says how its tests run.
export default defineConfig({
  test: {
    projects: ['config', 'orm', 'cards', 'bot-server', 'miniapp/vitest.config.mts'],
  },
});
