import type { EntityManager } from '@mikro-orm/postgresql';
import { configuredPlatforms, type OrgDirectories } from '../../domain/org/directory.js';
import type { PlatformName } from '../../domain/org/platform-name.js';
import {
  type AfterSync,
  type OrgEntity,
  PlatformNotConfiguredError,
  syncPlatform,
  syncRecord,
} from '../../domain/org/sync.js';
import { beginOrgSync, finishOrgSync } from '../../domain/org/sync-runs.js';
import { noAdministratorText } from '../../domain/roles/administrators.js';
import type { JobModule, JobQueue } from '../../jobs/index.js';
import type { BotFeature } from '../../modules/contract.js';

export const syncFullJob = 'org.sync-full';
export const syncOneJob = 'org.sync-one';

export interface SyncFullData {
  platform: PlatformName;
  /** The run an administrator's 立即同步 queued (domain/org/sync-runs.ts); absent for scheduled ones. */
  runId?: number;
}

export interface SyncOneData {
  platform: PlatformName;
  entity: OrgEntity;
  id: string;
}

/**
 * Queues a full sync of every configured platform: nightly, and once at start. Boot calls it once
 * the server listens, because in sandbox mode the platforms' API base is the server's own address.
 */
export async function enqueueFullSyncs(queue: JobQueue, directories: OrgDirectories): Promise<void> {
  for (const platform of configuredPlatforms(directories)) {
    // Several instances starting together ask once per platform.
    await queue.send<SyncFullData>(syncFullJob, { platform }, { singletonKey: `${syncFullJob}:${platform}` });
  }
}

/**
 * The sync jobs and the nightly full sync (02:30 in the display time zone). `directories` is read
 * at each run: the platforms' API clients are built on first use. `after` runs in each sync's
 * transaction (administrators, default roles); a sync that leaves nobody administering says so.
 */
export function orgSyncJobs(directories: () => OrgDirectories, after?: AfterSync): JobModule {
  return ({ queue, scheduler, orm, logger }) => {
    const log = logger.child({ component: 'org-sync' });
    const run = async (platform: PlatformName, sync: () => Promise<Record<string, unknown>>) => {
      try {
        const report = await sync();
        log.info({ platform, ...report }, 'org sync applied');
        if (report.administrators === 0) log.warn({ platform }, noAdministratorText);
      } catch (err) {
        // The platform was switched off after the job was queued: nothing to retry.
        if (!(err instanceof PlatformNotConfiguredError)) throw err;
        log.warn({ platform }, 'org sync skipped: the platform is not configured');
      }
    };
    // Each attempt of a full sync is recorded, so administrators see when it last ran and how it went.
    const recorded = async ({ platform, runId }: SyncFullData) => {
      const id = await beginOrgSync(orm.em.fork(), platform, runId);
      try {
        const report = await syncPlatform(orm.em.fork(), directories(), platform, after);
        await finishOrgSync(orm.em.fork(), id, { report });
        return report;
      } catch (err) {
        await finishOrgSync(orm.em.fork(), id, { error: err instanceof Error ? err.message : String(err) });
        throw err;
      }
    };
    queue.define<SyncFullData>({
      name: syncFullJob,
      policy: 'stately',
      handler: (data) => run(data.platform, () => recorded(data)),
    });
    queue.define<SyncOneData>({
      name: syncOneJob,
      handler: ({ platform, entity, id }) =>
        run(platform, () => syncRecord(orm.em.fork(), directories(), platform, entity, id, after)),
    });
    scheduler.add({
      name: 'org-sync-nightly',
      cron: '0 30 2 * * *',
      run: () => enqueueFullSyncs(queue, directories()),
    });
  };
}

/** A contact change on a platform queues a sync of that person or department (needs orgSyncJobs). */
export const orgSyncFeature: BotFeature = ({ bot, queue }) => {
  bot.on('org_change', async (em, event) => {
    // In the event's own transaction: the sync is queued exactly when the event counts as handled.
    await queue.send<SyncOneData>(
      syncOneJob,
      { platform: event.platform, entity: event.entity, id: event.id },
      { em },
    );
  });
};

/**
 * Queues the full sync an administrator asked for, in their transaction. False when a sync of that
 * platform already waits in the queue (the queue keeps one per platform).
 */
export async function enqueueRequestedSync(
  queue: Pick<JobQueue, 'send'>,
  tx: EntityManager,
  run: { id: number; platform: string },
): Promise<boolean> {
  const platform = run.platform as PlatformName;
  const id = await queue.send<SyncFullData>(
    syncFullJob,
    { platform, runId: run.id },
    { em: tx, singletonKey: `${syncFullJob}:${platform}` },
  );
  return id !== null;
}
