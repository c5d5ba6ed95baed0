import type pg from 'pg';

// Rows other services write (deals, tasks, lead conversion), put in place as those services leave
// them, so the customer's timeline and list can be checked against them.

export async function stageId(db: pg.Pool, name: string): Promise<number> {
  const { rows } = await db.query<{ id: number }>('select id from pipeline_stage where name = $1', [name]);
  return rows[0]!.id;
}

/** A deal of the customer in `stage`, created at `at` (SQL time expression). */
export async function addDeal(
  db: pg.Pool,
  deal: { customerId: number; ownerId: number; name: string; stage: string; at?: string; status?: string },
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `insert into opportunity (name, customer_id, owner_id, stage_id, status, stage_changed_at, created_at, updated_at)
     values ($1, $2, $3, $4, $5, ${deal.at ?? 'now()'}, ${deal.at ?? 'now()'}, now()) returning id`,
    [deal.name, deal.customerId, deal.ownerId, await stageId(db, deal.stage), deal.status ?? 'open'],
  );
  return rows[0]!.id;
}
