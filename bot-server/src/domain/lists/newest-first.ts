import type { EntityName, FilterQuery, FindOptions, Loaded, QueryOrderMap } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * One keyset page of a list, newest first by id (the primary key's index serves it at any depth):
 * the rows matching every condition with an id below `after`, and the cursor of the next page.
 */
export async function newestFirst<T extends { id: number }, P extends string = never>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>[],
  page: { limit: number; after?: number | undefined },
  options: Pick<FindOptions<T, P>, 'populate'> = {},
): Promise<{ items: Loaded<T, P>[]; next: number | null }> {
  // The generic T hides that `id` is a column: the cursor's clause and the order are typed by hand.
  const before: object[] = page.after === undefined ? [] : [{ id: { $lt: page.after } }];
  const rows = await em.find(entity, { $and: [...where, ...before] } as FilterQuery<T>, {
    ...options,
    orderBy: { id: 'desc' } as QueryOrderMap<T>,
    limit: page.limit + 1,
  });
  const items = rows.slice(0, page.limit);
  return { items, next: rows.length > page.limit ? items.at(-1)!.id : null };
}
