import type { Customer } from '@kelian/orm';
import { type EntityManager, type EntityName, type FilterQuery, raw } from '@mikro-orm/postgresql';
import type { Access } from '../../access/access.js';

// A customer's timeline is merged from sources: follow-ups, the audit log of the record, deals,
// tasks, leads … one file each. A new kind of history (orders, tickets, approvals) is one more
// source in sources.ts; nothing else changes.

export const timelineTypes = [
  'created',
  'follow_up',
  'change',
  'owner',
  'stage',
  'won',
  'lost',
  'task_done',
  'merge',
  'lead',
  'contract',
  'approval',
  'receivable',
] as const;
export type TimelineType = (typeof timelineTypes)[number];

export interface Person {
  id: number;
  name: string;
}

/** One line of the timeline, already as this viewer may see it (field rules applied). */
export interface TimelineEntry {
  /** The source's name: with `rowId` it makes the entry's id, `follow_up:12`. */
  source: string;
  rowId: number;
  at: Date;
  type: TimelineType;
  title: string;
  body: string | null;
  by: Person | null;
}

/**
 * Where a page ends. The timeline's order is (at, source, rowId), all descending, with `at` in
 * milliseconds: some rows get their time from the database's now(), which has microseconds that a
 * JavaScript Date (and so a cursor) cannot carry.
 */
export interface TimelinePosition {
  at: Date;
  source: string;
  rowId: number;
}

export interface SourceQuery {
  access: Access;
  customer: Customer;
  /** Entries strictly after this position in the timeline's order (older ones). */
  after?: TimelinePosition;
  /** At most this many entries, newest first. */
  limit: number;
}

export interface TimelineSource {
  /** Stable and unique: it prefixes entry ids and breaks ties between sources. */
  name: string;
  entries(em: EntityManager, query: SourceQuery): Promise<TimelineEntry[]>;
}

/**
 * The where-condition and order of one source's page in the timeline's order, for a source whose
 * rows have an `id` and a time in `column` (a column name, e.g. `occurred_at`).
 */
export function keysetPage(source: string, column: string, query: SourceQuery) {
  const at = (alias: string) => `date_trunc('milliseconds', ${alias}.${column})`;
  const { after } = query;
  // Rows at the same millisecond as the cursor come after it when their source sorts lower, or
  // it is the same source and their id is lower.
  const condition = !after
    ? []
    : after.source === source
      ? [{ [raw((alias) => `(${at(alias)}, ${alias}.id) < (?, ?)`, [after.at, after.rowId])]: [] }]
      : [{ [raw((alias) => `${at(alias)} ${source < after.source ? '<=' : '<'} ?`, [after.at])]: [] }];
  return {
    condition,
    orderBy: [{ [raw((alias) => at(alias))]: 'desc' as const }, { id: 'desc' as const }],
    limit: query.limit,
  };
}

export const personOf = (user: { id: number; name: string } | null | undefined): Person | null =>
  user ? { id: user.id, name: user.name } : null;

/** A source that is one table: which rows are the customer's, and what each row says. */
export interface RowSourceSpec<T extends { id: number }> {
  name: string;
  entity: EntityName<T>;
  /** The column of the row's time, e.g. `occurred_at`. */
  column: string;
  /** The customer's rows with a time (the time column must not be null). */
  where(query: SourceQuery): FilterQuery<T>;
  /** Relations `entry` reads. */
  populate?: readonly string[];
  entry(row: T, query: SourceQuery): Omit<TimelineEntry, 'source' | 'rowId'>;
}

export function rowSource<T extends { id: number }>(spec: RowSourceSpec<T>): TimelineSource {
  return {
    name: spec.name,
    async entries(em, query) {
      const page = keysetPage(spec.name, spec.column, query);
      const rows = await em.find(
        spec.entity,
        { $and: [spec.where(query), ...page.condition] } as FilterQuery<T>,
        // The relations are named by the spec; their types are the entity's either way.
        { orderBy: page.orderBy, limit: page.limit, populate: (spec.populate ?? []) as never },
      );
      return rows.map((row) => ({ source: spec.name, rowId: row.id, ...spec.entry(row as T, query) }));
    },
  };
}
