import { WebhookReplaySchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Problem } from '../../http/problem.js';
import { maxSkewSeconds } from './signature.js';

// A signed form post is accepted once. The signature covers the timestamp and the body, so the
// same signature again is the same request sent again (a replay, or a form retrying blindly); it
// is remembered for as long as verifyLeadSignature would accept it, plus a margin for clock drift
// between this server and the database.

const marginSeconds = 60;

export const replayedRequest = () =>
  new Problem(
    409,
    'replayed-request',
    '该请求已处理过，请勿重放',
    '同一签名的请求只接受一次；再次提交请用新的时间戳重新签名，或带上 externalId 以便去重',
  );

/**
 * Takes `signature` for the caller's transaction: true if this transaction is the first to present
 * it, false if it was accepted before. A concurrent request with the same signature waits for the
 * first one's transaction and then sees it taken; a rollback frees it again.
 */
export async function firstUseOf(tx: EntityManager, signature: string, timestamp: string): Promise<boolean> {
  const expiresAt = new Date((Number(timestamp) + maxSkewSeconds + marginSeconds) * 1000);
  const rows = await tx
    .getConnection()
    .execute<{ signature: string }[]>(
      'insert into webhook_replay (signature, expires_at) values (?, ?) on conflict (signature) do nothing returning signature',
      [signature, expiresAt],
      'all',
      tx.getTransactionContext(),
    );
  return rows.length === 1;
}

/** Forgets signatures past their window (the timestamp check refuses those requests anyway). */
export function pruneReplayGuard(em: EntityManager, now = new Date()): Promise<number> {
  return em.nativeDelete(WebhookReplaySchema, { expiresAt: { $lt: now } });
}
