import { ConfigError, loadConfig } from '@kelian/config';
import { boot } from './boot.js';
import { routeConsoleToLog } from './console-to-log.js';
import { createLogger } from './logger.js';

// The process entry: read the configuration, boot, and shut down cleanly on SIGINT / SIGTERM
// (a second signal exits at once).
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (e) {
  if (!(e instanceof ConfigError)) throw e;
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
}

const logger = createLogger(config.logLevel);
routeConsoleToLog(logger);
const server = await boot(config, {
  logger,
  workers: config.workersThread ? 'thread' : 'inline',
  // Its events and messages wait in the database: a supervisor's restart picks them up.
  onWorkersLost: () => process.exit(1),
}).catch((err: unknown) => {
  process.stderr.write(`Kelian could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(130);
    stopping = true;
    server.logger.info({ signal }, 'shutting down');
    server.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        server.logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
