import type { OrgSyncRun } from '@kelian/orm';
import type { PlatformName } from '../../domain/org/platform-name.js';
import type { OrgSyncStatus } from '../../domain/org/sync-runs.js';

// The org sync block's answer: per platform, its latest run and the latest that succeeded.

export const runJson = (run: OrgSyncRun) => ({
  id: run.id,
  platform: run.platform as PlatformName,
  outcome: run.outcome,
  requestedAt: run.requestedAt.toISOString(),
  requestedBy: run.requestedBy ? { id: run.requestedBy.id, name: run.requestedBy.name } : null,
  startedAt: run.startedAt?.toISOString() ?? null,
  finishedAt: run.finishedAt?.toISOString() ?? null,
  report: run.report ?? null,
  error: run.error ?? null,
});

export const orgSyncJson = (sync: OrgSyncStatus) => ({
  platform: sync.platform,
  linked: sync.linked,
  latest: sync.latest && runJson(sync.latest),
  lastSucceeded: sync.lastSucceeded && runJson(sync.lastSucceeded),
});
