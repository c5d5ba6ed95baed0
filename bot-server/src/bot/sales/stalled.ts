import { actingAs } from '../../domain/access/acting.js';
import { NotPermittedError, NotVisibleError } from '../../domain/access/errors.js';
import { nudgeStalledDeal } from '../../domain/sales/nudge.js';
import { alertStalledDeals } from '../../domain/sales/stalled.js';
import type { JobQueue } from '../../jobs/queue.js';
import type { BotFeature } from '../../modules/contract.js';

export const stalledDealsJob = 'sales.stalled-deals';

/** `at`: the time the scan acts as of (default: when it runs), so tests can look "three weeks later". */
export interface StalledDealsRun {
  at?: string;
}

/** One scan, unless one is already waiting. */
export async function enqueueStalledDealScan(queue: JobQueue): Promise<void> {
  await queue.send(stalledDealsJob, {}, { singletonKey: stalledDealsJob });
}

/**
 * Every 15 minutes, and once at start, the stalled-deal scan. It looks at every deal past its
 * limit, so a run missed while the server was down is made up by the next one, and the Firing keys
 * keep two instances (or two overlapping runs) from alerting twice.
 */
export const stalledDealJobs: BotFeature = ({ queue, scheduler, orm, logger, notifier }) => {
  queue.define<StalledDealsRun>({
    name: stalledDealsJob,
    handler: async (run) => {
      const alerted = await alertStalledDeals(
        orm.em.fork(),
        run.at ? new Date(run.at) : new Date(),
        notifier,
      );
      if (alerted.length > 0) logger.info({ alerted }, 'stalled-deal alerts sent');
    },
  });
  scheduler.add({
    name: stalledDealsJob,
    cron: '0 */15 * * * *',
    run: () => enqueueStalledDealScan(queue),
  });
};

/** 提醒负责人 on a stalled-deal card. */
export const stalledDealFeature: BotFeature = ({ bot, notifier }) => {
  bot.action('deal.nudge', async ({ em, user, action, reply }) => {
    const acting = await actingAs(em, user, 'card');
    const text = await nudgeStalledDeal(em, acting, Number(action.id), notifier).then(
      (outcome) =>
        outcome.kind === 'nudged'
          ? `已提醒 ${outcome.owner} 跟进，并给 ta 建了一条待办。`
          : outcome.kind === 'already'
            ? `${outcome.by} 已经提醒过负责人了。`
            : '这个商机已经有进展，不再停滞，无需提醒。',
      (error: unknown) => {
        if (error instanceof NotVisibleError) return '这个商机不存在，或你无权查看。';
        if (error instanceof NotPermittedError) return `${error.reason}。`;
        throw error;
      },
    );
    await reply({ kind: 'text', text });
  });
};
