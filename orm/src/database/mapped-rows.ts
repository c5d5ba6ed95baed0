import type { EntityData, EntityDictionary, EntityName } from '@mikro-orm/core';
import { type EntityManager, wrap } from '@mikro-orm/postgresql';

/**
 * Reads on the paths every bot event and API request takes (the acting user with their department,
 * their roles) as SQL written once, their rows made into managed entities as `em.find` makes them.
 * MikroORM builds a find's query anew on every call; for these two reads that cost more CPU than all
 * the rest of handling a chat event (issue 11's drain: 245 → 390 events/s with them written here).
 */

/** `"u"."id" as "u__id", …` for every column of the entity's table (built once per entity and alias). */
export function columnsAs<T extends object>(em: EntityManager, entity: EntityName<T>, alias: string): string {
  const meta = em.getMetadata().get(entity);
  const key = `${meta.className} ${alias}`;
  let columns = columnLists.get(key);
  if (!columns) {
    columns = meta.props
      .filter((prop) => prop.persist !== false && !prop.formula && prop.fieldNames?.length)
      .filter((prop) => prop.kind === 'scalar' || prop.kind === 'm:1' || (prop.kind === '1:1' && prop.owner))
      .flatMap((prop) => prop.fieldNames)
      .map((field) => `"${alias}"."${field}" as "${alias}__${field}"`)
      .join(', ');
    columnLists.set(key, columns);
  }
  return columns;
}
const columnLists = new Map<string, string>();

/**
 * Flushes first what `em.find(entity)` would have flushed (flush mode auto: changes to that entity
 * waiting in `em`), so that a read after a change in the same entity manager sees the change.
 */
export function flushedFor<T extends object>(em: EntityManager, entity: EntityName<T>): Promise<void> {
  return em.tryFlush(entity, {});
}

/**
 * The entity in `row` under `alias` (see `columnsAs`), managed by `em`; undefined when the row has
 * none (an outer join that found nothing). An entity `em` has loaded already is returned as it is,
 * unsaved changes and all, as `em.find` returns it.
 */
export function entityAs<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  row: Record<string, unknown>,
  alias: string,
): T | undefined {
  const prefix = `${alias}__`;
  const own: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row))
    if (column.startsWith(prefix)) own[column.slice(prefix.length)] = value;
  const meta = em.getMetadata().get(entity);
  if (meta.primaryKeys.some((key) => own[meta.properties[key]!.fieldNames[0]!] == null)) return undefined;
  return em.merge(entity, em.getDriver().mapResult(own as EntityDictionary<T>, meta) as EntityData<T>, {
    convertCustomTypes: true,
  });
}

/**
 * `entityAs` for an entity the row's main entity points to (the user's department): marked populated,
 * as find marks what it populates, so that it serializes as the object it is, not as its id.
 */
export function relationAs<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  row: Record<string, unknown>,
  alias: string,
): T | undefined {
  const related = entityAs(em, entity, row, alias);
  if (related) wrap(related).populated();
  return related;
}
