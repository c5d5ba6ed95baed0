import type { MikroORM, QueryResult } from '@mikro-orm/postgresql';
import type { RunCoordinator } from 'node-cron';

// node-cron asks before every fire whether this instance should run the slot. The first INSERT of
// (task, slot) wins; every other instance hits the primary key and skips. No session locks are
// involved, so this holds on PostgreSQL with any number of instances and through PGlite's socket.
export class PgRunCoordinator implements RunCoordinator {
  constructor(
    private readonly orm: MikroORM,
    private readonly owner: string,
  ) {}

  async shouldRun(key: string): Promise<boolean> {
    // node-cron's key is "<task name>:<slot ISO time>"; task names contain no colon.
    const split = key.indexOf(':');
    const task = key.slice(0, split);
    const slot = new Date(key.slice(split + 1));
    const result = await this.orm.em
      .getConnection()
      .execute<QueryResult>(
        'insert into run_slot (key, task, slot, owner, created_at) values (?, ?, ?, ?, now()) on conflict (key) do nothing',
        [key, task, slot, this.owner],
        'run',
      );
    return result.affectedRows === 1;
  }

  /** Forget slots older than `days`: the table only needs recent history. */
  async prune(days: number): Promise<number> {
    const result = await this.orm.em
      .getConnection()
      .execute<QueryResult>(
        `delete from run_slot where slot < now() - (? * interval '1 day')`,
        [days],
        'run',
      );
    return result.affectedRows;
  }
}
