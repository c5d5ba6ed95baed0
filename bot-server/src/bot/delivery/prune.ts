import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Forgets messages that ended (sent, failed, dropped) more than `days` ago, and rate slots older
 * than the longest platform window (a day) with room to spare: what is left is what may still be
 * sent or still counts.
 */
export async function pruneDeliveries(
  em: EntityManager,
  days: number,
): Promise<{ messages: number; slots: number }> {
  const before = new Date(Date.now() - days * 86_400_000);
  const messages = await em.execute<{ n: number }[]>(
    `with gone as (delete from outbound_message where state in ('sent', 'failed', 'dropped') and created_at < ? returning 1)
     select count(*)::int as n from gone`,
    [before],
  );
  const slots = await em.execute<{ n: number }[]>(
    `with gone as (delete from rate_slot where at < now() - interval '2 days' returning 1) select count(*)::int as n from gone`,
  );
  return { messages: messages[0]!.n, slots: slots[0]!.n };
}
