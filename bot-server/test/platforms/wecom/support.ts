// Shared set-up for the tests that talk HTTP to the fake WeCom.
import pino, { type Logger } from 'pino';
import { WeComClient, type WeComClientOptions } from '../../../src/platforms/wecom/client.js';
import type { FakeWeCom } from './fake-wecom.js';
import { MemoryTokenStore } from './memory-token-store.js';

export const CORP = 'wwkelian0000000001';
export const SECRET = 'app-secret-never-logged-0123456789';

/** A pino logger whose JSON lines are kept for assertions. */
export function captureLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
  return { logger, lines };
}

export function makeClient(
  fake: FakeWeCom,
  overrides: Partial<WeComClientOptions> = {},
): { client: WeComClient; store: MemoryTokenStore; lines: string[] } {
  const { logger, lines } = captureLogger();
  const store = (overrides.tokenStore as MemoryTokenStore | undefined) ?? new MemoryTokenStore(overrides.now);
  const client = new WeComClient({
    apiBase: fake.url,
    corpId: CORP,
    secret: SECRET,
    agentId: 1000002,
    tokenStore: store,
    logger,
    retry: { retries: 3, baseDelayMs: 20, maxDelayMs: 200 },
    ...overrides,
  });
  return { client, store, lines };
}
