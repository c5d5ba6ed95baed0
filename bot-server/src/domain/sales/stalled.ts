import type { Opportunity } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import { claimFiring } from '../followups/firings.js';
import type { CardSubject, Notifier } from '../notify/notifier.js';
import { dealManagers } from './deal-managers.js';

// A deal is stalled when neither its stage nor its customer's follow-ups moved for longer than the
// stage allows (PipelineStage.stalledAfterDays). The owner's manager gets one card per quiet
// spell: the Firing key names the deal and the moment it went quiet, so a later scan, another
// instance or a restart never alerts twice, and a deal that moves and stalls again alerts again.

/** The managers' card about a quiet deal: refreshed wherever the deal moves or is nudged. */
export const stalledDealSubject = (dealId: number): CardSubject => ({ type: 'stalled_deal', id: dealId });

/** Deals alerted per run; the next run takes the rest. */
const batch = 200;

/** The last progress of a deal: its stage change or a later follow-up on its customer. */
const quietSince = 'greatest(o.stage_changed_at, c.last_follow_up_at)';
const firingKey = `'stalled:' || o.id || ':' || to_char(${quietSince} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;

/** The last progress of a loaded deal (customer populated), as the scan computes it. */
export function dealQuietSince(deal: Opportunity): Date {
  const followUp = deal.customer.lastFollowUpAt;
  return followUp && followUp > deal.stageChangedAt ? followUp : deal.stageChangedAt;
}

/** Whether the deal is stalled as of `now`, and by how many days past its stage's limit. */
export function stalledDays(deal: Opportunity, now: Date): number | undefined {
  const limit = deal.stage.stalledAfterDays;
  if (deal.status !== 'open' || limit == null) return undefined;
  const quietDays = Math.floor((now.getTime() - dealQuietSince(deal).getTime()) / 86_400_000);
  return quietDays >= limit ? quietDays - limit : undefined;
}

/**
 * Posts the stalled-deal card to the managers of every deal that went quiet past its stage's limit
 * by `now` and was not alerted for this quiet spell. Returns the deals alerted.
 */
export async function alertStalledDeals(em: EntityManager, now: Date, notifier: Notifier): Promise<number[]> {
  const due = await em.getConnection().execute<{ id: number; key: string }[]>(
    `select o.id, ${firingKey} as key
       from opportunity o
       join pipeline_stage s on s.id = o.stage_id
       join customer c on c.id = o.customer_id
      where o.status = 'open' and o.deleted_at is null and c.deleted_at is null
        and o.owner_id is not null and s.stalled_after_days is not null
        and ${quietSince} + make_interval(days => s.stalled_after_days) <= ?
        and not exists (select 1 from firing f where f.key = ${firingKey})
      order by o.id limit ${batch}`,
    [now],
  );
  const alerted: number[] = [];
  for (const { id, key } of due) {
    const sent = await em.fork().transactional(async (tx) => {
      if (!(await claimFiring(tx, key))) return false;
      const managers = await dealManagers(tx, id);
      if (managers.length === 0) return false;
      await notifier.postCard(tx, stalledDealSubject(id), { kind: 'users', userIds: managers });
      return true;
    });
    if (sent) alerted.push(id);
  }
  return alerted;
}
