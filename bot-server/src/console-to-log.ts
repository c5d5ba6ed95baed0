import { format } from 'node:util';
import type { Logger } from './logger.js';

/**
 * Sends what libraries print with console.* (the dingtalk-stream SDK prints "connect success" and
 * "Disconnecting.") through the JSON logger, so the process's output stays one JSON object a line.
 * Only the process entry calls this; tests keep the plain console.
 */
export function routeConsoleToLog(logger: Logger): void {
  const log = logger.child({ source: 'console' });
  console.log = (...args: unknown[]) => log.info(format(...args));
  console.info = (...args: unknown[]) => log.info(format(...args));
  console.debug = (...args: unknown[]) => log.debug(format(...args));
  console.warn = (...args: unknown[]) => log.warn(format(...args));
  console.error = (...args: unknown[]) => log.error(format(...args));
}
