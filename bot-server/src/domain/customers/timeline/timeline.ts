import type { EntityManager } from '@mikro-orm/postgresql';
import type { Access } from '../../access/access.js';
import { customerFor } from '../store.js';
import type { TimelineEntry, TimelinePosition } from './source.js';
import { timelineSources } from './sources.js';

export interface TimelinePage {
  entries: TimelineEntry[];
  /** Where the next page starts; absent on the last page. */
  next?: TimelinePosition;
}

/** Newest first; at the same millisecond, by source name, then id, descending. */
const newestFirst = (x: TimelineEntry, y: TimelineEntry) =>
  y.at.getTime() - x.at.getTime() ||
  (x.source < y.source ? 1 : x.source > y.source ? -1 : 0) ||
  y.rowId - x.rowId;

/**
 * One page of a customer's timeline, for a customer the user can read (NotVisibleError otherwise,
 * like a missing id). Each source reads its own next `limit + 1` entries after the cursor in the
 * same order, so the newest `limit` of them all are the page, and the next page starts after it.
 */
export async function customerTimeline(
  em: EntityManager,
  access: Access,
  customerId: number,
  page: { after?: TimelinePosition; limit: number },
): Promise<TimelinePage> {
  const customer = await customerFor(em, access, customerId, { purpose: 'read' });
  const query = { access, customer, limit: page.limit + 1, ...(page.after && { after: page.after }) };
  const merged: TimelineEntry[] = [];
  // One source after another: a request's context runs one query at a time.
  for (const source of timelineSources) merged.push(...(await source.entries(em, query)));
  merged.sort(newestFirst);
  const entries = merged.slice(0, page.limit);
  const last = entries.at(-1);
  return merged.length > page.limit && last
    ? { entries, next: { at: last.at, source: last.source, rowId: last.rowId } }
    : { entries };
}
