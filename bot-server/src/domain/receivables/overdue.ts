import type { EntityManager } from '@mikro-orm/postgresql';

export interface OverdueFigure {
  /** Open instalments whose due date has passed, and what is still owed on them, in cents. */
  count: number;
  cents: number;
}

/**
 * What the customer owes past due on `today` (YYYY-MM-DD, the company's day): the figure an
 * approval card shows next to a contract or a refund, and the 360° page's 逾期 total. Read without
 * a user's scope: whoever is shown the card is deciding on this customer's document.
 */
export async function overdueForCustomer(
  em: EntityManager,
  customerId: number,
  today: string,
): Promise<OverdueFigure> {
  const [row] = await em.getConnection().execute<{ count: string; cents: string | null }[]>(
    `select count(*) as count, sum(i.amount_cents - i.received_cents) as cents
       from receivable_instalment i join contract c on c.id = i.contract_id
      where i.customer_id = ? and i.state = 'open' and c.deleted_at is null
        and i.due_date < ? and i.received_cents < i.amount_cents`,
    [customerId, today],
    'all',
    em.getTransactionContext(),
  );
  return { count: Number(row?.count ?? 0), cents: Number(row?.cents ?? 0) };
}
