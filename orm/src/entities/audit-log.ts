import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { UserSchema } from './user.js';

export const auditActions = [
  'create',
  'update',
  'delete',
  'restore',
  'export',
  'reveal',
  'merge',
  'login',
  /** A forged or tampered request (a card action not meant for its sender): refused, recorded. */
  'forgery',
] as const;
export type AuditAction = (typeof auditActions)[number];

// Who did what to which record and when, with the values before and after. Append-only: nothing
// in the product updates or deletes these rows.
export const AuditLogSchema = defineEntity({
  name: 'AuditLog',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    at: p.datetime().onCreate(() => new Date()),
    actor: p.manyToOne(UserSchema).nullable().deleteRule('set null'),
    action: p.enum(auditActions),
    objectType: p.string().length(40),
    objectId: p.string().length(64),
    /** Field → { before, after } for changes; the fields revealed or exported otherwise. */
    changes: p.json<Record<string, unknown>>().columnType('jsonb').default('{}'),
    /** Where it came from: api, bot, card, import, sync; request id. */
    via: p.string().length(20),
    requestId: p.string().length(128).nullable(),
  },
  indexes: [{ properties: ['objectType', 'objectId'] }, { properties: ['actor', 'at'] }],
});

export type AuditLog = InferEntity<typeof AuditLogSchema>;
