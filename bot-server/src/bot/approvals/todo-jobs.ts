import type { ApprovalInstance } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import { runsBehind, syncRunTodos } from '../../domain/approvals/todo-sync.js';
import type { ApprovalTodos } from '../../domain/approvals/todos.js';
import type { JobQueue } from '../../jobs/queue.js';
import type { BotFeature } from '../../modules/contract.js';

// The approvers' DingTalk 待办 following their approval tasks (domain/approvals/todo-sync.ts): one
// job per run, queued in the transaction of each change, one at a time per run; a sweep every ten
// minutes queues the runs that are still behind.

export const syncTodosJob = 'approvals.dingtalk-todos';
export const todoSweepJob = 'approvals.dingtalk-todos-sweep';
const runKey = (runId: number) => `approval:${runId}`;
/** Runs queued per sweep; the next sweep takes the rest. */
const sweepBatch = 500;

/** The domain's ApprovalTodos: a sync job per change of a run. */
export class QueueApprovalTodos implements ApprovalTodos {
  constructor(private readonly queue: Pick<JobQueue, 'send'>) {}

  async runChanged(tx: EntityManager, run: ApprovalInstance): Promise<void> {
    // A run being submitted gets its id when first written.
    if (run.id === undefined) await tx.flush();
    await this.queue.send(syncTodosJob, { runId: run.id }, { em: tx, singletonKey: runKey(run.id) });
  }
}

export const todoJobs: BotFeature = ({ queue, scheduler, orm, platforms, logger }) => {
  const log = logger.child({ component: 'dingtalk-todos' });
  queue.define<{ runId: number }>({
    name: syncTodosJob,
    // One sync of a run at a time, and one waiting: it reads the run as it is when it starts.
    policy: 'stately',
    // An outage or DingTalk's flow control is waited out, doubling up to five minutes (about two
    // hours in all); the sweep takes over after that.
    retryLimit: 30,
    handler: async ({ runId }) => {
      const board = platforms.dingtalkTodos();
      if (!board) return;
      const report = await syncRunTodos(orm.em.fork(), runId, board);
      // Refused for good (an oversize field): said loudly, once, and not tried again.
      for (const refused of report.refused)
        log.error({ runId, ...refused }, 'dingtalk refused an approval 待办; it is not tried again');
      if (report.created + report.done > 0)
        log.info({ runId, ...report, refused: undefined }, 'approval 待办 synced');
    },
  });
  queue.define<object>({
    name: todoSweepJob,
    policy: 'stately',
    handler: async () => {
      if (!platforms.dingtalkTodos()) return;
      for (const runId of await runsBehind(orm.em.fork(), sweepBatch))
        await queue.send(syncTodosJob, { runId }, { singletonKey: runKey(runId) });
    },
  });
  scheduler.add({
    name: todoSweepJob,
    cron: '30 */10 * * * *',
    run: async () => {
      await queue.send(todoSweepJob, {}, { singletonKey: todoSweepJob });
    },
  });
};
