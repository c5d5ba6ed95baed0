import { loadConfig } from '@kelian/config';
import { testDbUrl } from '../../../orm/testing/db-url.js';
import { type BootOptions, boot, type RunningServer } from '../../src/boot.js';

export type { RunningServer };

/**
 * The real server on a random port, against the run's test database, in sandbox mode (so the demo
 * company is loaded into an empty database). `env` overrides configuration keys.
 *
 * Every test signs in from 127.0.0.1, many times a minute, and the sign-in counter lives in the
 * shared test database: the limit is lifted here. `AUTH_ATTEMPTS_PER_MINUTE: ''` brings back the
 * default (the test of the limit does).
 */
export function startTestServer(
  env: Record<string, string> = {},
  options: BootOptions = {},
): Promise<RunningServer> {
  const config = loadConfig({
    env: {
      PORT: '0',
      DATABASE_URL: testDbUrl(),
      LOG_LEVEL: 'silent',
      SANDBOX: 'true',
      AUTH_ATTEMPTS_PER_MINUTE: '1000000',
      ...env,
    },
    envFile: false,
  });
  return boot(config, options);
}
