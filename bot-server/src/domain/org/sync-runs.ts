import { DepartmentSchema, type OrgSyncRun, OrgSyncRunSchema, UserSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { RefusedError } from '../access/errors.js';
import { requireAdministration } from '../access/policy.js';
import { audit } from '../audit/audit.js';
import { created } from '../audit/changes.js';
import { departmentLink, userLink } from './links.js';
import type { PlatformName } from './platform-name.js';

// The record of full org syncs: each attempt is one row, from queued (an administrator's 立即同步)
// or running (the nightly and start-up syncs) to succeeded with its report or failed with the reason.

/**
 * A run queued or running for longer than this is taken for one whose instance died: it no longer
 * holds back a new 立即同步. A full sync of a few thousand people takes seconds.
 */
const abandonedAfterMs = 30 * 60_000;

/** Serialises 立即同步 requests across instances: two at once would both find nothing running. */
const REQUEST_LOCK = 74_021_102;

const unfinished = (platforms: readonly PlatformName[]) => ({
  platform: { $in: [...platforms] },
  outcome: { $in: ['queued', 'running'] as OrgSyncRun['outcome'][] },
  requestedAt: { $gt: new Date(Date.now() - abandonedAfterMs) },
});

/**
 * An administrator's 立即同步 of every configured platform: refused while one is queued or running;
 * otherwise a queued run per platform, audited, and `enqueue` (the job, in the same transaction)
 * for each. `enqueue` answers false when the queue already holds a sync of that platform.
 */
export async function requestOrgSync(
  em: EntityManager,
  acting: Acting,
  platforms: readonly PlatformName[],
  enqueue: (tx: EntityManager, run: OrgSyncRun) => Promise<boolean>,
): Promise<OrgSyncRun[]> {
  requireAdministration(acting, 'goLive');
  return em.transactional(async (tx) => {
    await tx.execute(`select pg_advisory_xact_lock(${REQUEST_LOCK})`);
    if ((await tx.count(OrgSyncRunSchema, unfinished(platforms))) > 0)
      throw new RefusedError('org-sync-running');
    const runs: OrgSyncRun[] = [];
    for (const platform of platforms) {
      const run = tx.create(OrgSyncRunSchema, {
        platform,
        outcome: 'queued',
        requestedBy: acting.user,
      });
      await tx.flush();
      audit(tx, acting, {
        action: 'create',
        objectType: 'orgSyncRun',
        objectId: run.id,
        changes: created({ platform, outcome: 'queued' }),
      });
      // A sync of this platform already waits in the queue (the start-up one): it is that one's turn.
      if (!(await enqueue(tx, run))) throw new RefusedError('org-sync-running');
      runs.push(run);
    }
    await tx.flush();
    return runs;
  });
}

/** A sync attempt starts: the queued run it was asked as, or a new one (nightly, start-up, a retry). */
export async function beginOrgSync(
  em: EntityManager,
  platform: PlatformName,
  runId: number | undefined,
): Promise<number> {
  const startedAt = new Date();
  if (runId !== undefined) {
    const taken = await em.nativeUpdate(
      OrgSyncRunSchema,
      { id: runId, outcome: 'queued' },
      { outcome: 'running', startedAt },
    );
    if (taken === 1) return runId;
  }
  const run = em.create(OrgSyncRunSchema, { platform, outcome: 'running', startedAt });
  await em.flush();
  return run.id;
}

/** The attempt's end: its report, or why it failed. */
export async function finishOrgSync(
  em: EntityManager,
  runId: number,
  result: { report: Record<string, unknown> } | { error: string },
): Promise<void> {
  await em.nativeUpdate(
    OrgSyncRunSchema,
    { id: runId },
    'report' in result
      ? { outcome: 'succeeded', finishedAt: new Date(), report: result.report }
      : { outcome: 'failed', finishedAt: new Date(), error: result.error.slice(0, 2000) },
  );
}

export interface OrgSyncStatus {
  platform: PlatformName;
  latest: OrgSyncRun | null;
  lastSucceeded: OrgSyncRun | null;
  /** What Kelian holds of the platform's directory now: active people and departments linked to it. */
  linked: { users: number; departments: number };
}

/** Per platform: the latest run, the latest that succeeded when that one did not, and what is linked. */
export async function latestOrgSyncs(
  em: EntityManager,
  platforms: readonly PlatformName[],
): Promise<OrgSyncStatus[]> {
  return Promise.all(
    platforms.map(async (platform) => {
      const linked = {
        users: await em.count(UserSchema, { [userLink[platform]]: { $ne: null }, active: true }),
        departments: await em.count(DepartmentSchema, { [departmentLink[platform]]: { $ne: null } }),
      };
      const order = {
        orderBy: { requestedAt: 'desc' as const, id: 'desc' as const },
        populate: ['requestedBy'] as const,
      };
      const latest = await em.findOne(OrgSyncRunSchema, { platform }, order);
      const lastSucceeded =
        latest?.outcome === 'succeeded'
          ? latest
          : await em.findOne(OrgSyncRunSchema, { platform, outcome: 'succeeded' }, order);
      return { platform, latest, lastSucceeded, linked };
    }),
  );
}
