import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { UserSchema } from './user.js';

export const orgSyncOutcomes = ['queued', 'running', 'succeeded', 'failed'] as const;
export type OrgSyncOutcome = (typeof orgSyncOutcomes)[number];

// One full org sync of one platform: when it was asked for (by whom: an administrator's 立即同步,
// or nobody for the nightly and start-up runs), when it ran, what it changed or why it failed. The
// going-live checklist and the console's org sync block read the latest per platform; a run still
// queued or running is what refuses a second 立即同步.
export const OrgSyncRunSchema = defineEntity({
  name: 'OrgSyncRun',
  properties: {
    id: p.integer().primary().autoincrement(),
    platform: p.string().length(20),
    requestedBy: p.manyToOne(UserSchema).nullable().deleteRule('set null'),
    requestedAt: p.datetime().onCreate(() => new Date()),
    startedAt: p.datetime().nullable(),
    finishedAt: p.datetime().nullable(),
    outcome: p.enum(orgSyncOutcomes),
    /** The sync's report: departments and users created, linked, updated, unlinked, deactivated. */
    report: p.json<Record<string, unknown>>().columnType('jsonb').nullable(),
    /** Why it failed, as the platform or Kelian said it (no secrets). */
    error: p.text().nullable(),
  },
  indexes: [{ properties: ['platform', 'requestedAt'] }],
});

export type OrgSyncRun = InferEntity<typeof OrgSyncRunSchema>;
