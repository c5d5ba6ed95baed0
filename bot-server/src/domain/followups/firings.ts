import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Takes `key` for the caller's transaction: true if this transaction inserted it (and so does the
 * work), false if it was taken before. A concurrent insert of the same key waits for the other
 * transaction and then sees it taken; a rollback frees the key again.
 */
export async function claimFiring(tx: EntityManager, key: string): Promise<boolean> {
  const rows = await tx
    .getConnection()
    .execute<{ key: string }[]>(
      'insert into firing (key, fired_at) values (?, now()) on conflict (key) do nothing returning key',
      [key],
      'all',
      tx.getTransactionContext(),
    );
  return rows.length === 1;
}
