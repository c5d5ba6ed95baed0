import pg from 'pg';
import type { Logger } from '../logger.js';

/**
 * The channel the inbox and outbound tables' triggers notify on; the payload names the table and
 * the lane written ("inbox_event:person").
 */
const channel = 'kelian_work';

/**
 * On PostgreSQL, one connection per instance LISTENs for committed work, so a row written by any
 * instance wakes every instance's workers at once. It reconnects after a failure; meanwhile the
 * workers' idle polling carries on. (The embedded database does not pass notifications between
 * connections; there the one process wakes its own workers.)
 */
export class WorkListener {
  #client: pg.Client | undefined;
  #stopped = false;
  #retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly url: string,
    private readonly onWork: (table: string) => void,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', (n) => {
      if (n.channel === channel) this.onWork(n.payload ?? '');
    });
    client.on('error', (err) => {
      this.logger.warn({ err }, 'work listener lost its connection; reconnecting');
      this.#reconnect();
    });
    await client.connect();
    await client.query(`listen ${channel}`);
    this.#client = client;
  }

  #reconnect(): void {
    const old = this.#client;
    this.#client = undefined;
    old?.end().catch(() => undefined);
    if (this.#stopped || this.#retry) return;
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      if (!this.#stopped) this.start().catch(() => this.#reconnect());
    }, 1000);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#retry);
    await this.#client?.end().catch(() => undefined);
  }
}
