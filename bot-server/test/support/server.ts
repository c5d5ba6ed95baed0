import { loadConfig } from '@kelian/config';
import { inject } from 'vitest';
// Brings the typing of what the test database setup provides (dbUrl, dbKind).
import type {} from '../../../orm/testing/global-setup.js';
import { type BootOptions, boot, type RunningServer } from '../../src/boot.js';

export type { RunningServer };

/**
 * The real server on a random port, against the run's test database, in sandbox mode (so the demo
 * company is loaded into an empty database). `env` overrides configuration keys.
 */
export function startTestServer(
  env: Record<string, string> = {},
  options: BootOptions = {},
): Promise<RunningServer> {
  const config = loadConfig({
    env: { PORT: '0', DATABASE_URL: inject('dbUrl'), LOG_LEVEL: 'silent', SANDBOX: 'true', ...env },
    envFile: false,
  });
  return boot(config, options);
}
