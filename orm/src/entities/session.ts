import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { UserSchema } from './user.js';

// A signed-in user of the mini-app or the REST API. Only the SHA-256 of the bearer token is kept,
// so a leaked database does not leak usable sessions.
export const SessionSchema = defineEntity({
  name: 'Session',
  properties: {
    tokenHash: p.string().length(64).primary(),
    user: p.manyToOne(UserSchema).deleteRule('cascade'),
    /** How the user proved who they are: wecom, dingtalk, or the sandbox's user picker. */
    via: p.string().length(20),
    createdAt: p.datetime().onCreate(() => new Date()),
    expiresAt: p.datetime().index(),
    lastSeenAt: p.datetime().onCreate(() => new Date()),
  },
});

export type Session = InferEntity<typeof SessionSchema>;
