import { Writable } from 'node:stream';
import { type Logger, pino } from 'pino';

/** A real pino logger whose JSON lines the test can read (to check what is, and is not, logged). */
export function captureLogger(): { logger: Logger; lines: () => string[] } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, sink), lines: () => chunks.join('').split('\n').filter(Boolean) };
}
