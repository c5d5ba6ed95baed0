import { InboxEventSchema } from '@kelian/orm';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { JobQueue } from '../jobs/queue.js';
import type { ChatEvent } from '../platforms/common.js';
import { eventFromJson, eventToJson } from '../platforms/event-json.js';

/**
 * Two queues, so that a burst of platform sync events (a contact import, an org change) never holds
 * back what a person typed or clicked.
 */
export const handleEventJobs = { person: 'bot.handle-event', sync: 'bot.handle-sync-event' } as const;

/** What a person does in the chat, answered while they wait; everything else is bookkeeping. */
const personKinds = new Set<ChatEvent['kind']>(['text', 'card_action', 'enter_app', 'menu_click']);

/** The job of a stored event: `actor` keeps one person's events in the order they came. */
export interface HandleEvent {
  id: number;
  actor?: string;
}

export function handleEventJob(event: ChatEvent): string {
  return personKinds.has(event.kind) ? handleEventJobs.person : handleEventJobs.sync;
}

/**
 * The door every verified platform event comes through. `accept` stores the event and enqueues its
 * handling in one transaction, before the platform gets its answer: a crash after the answer loses
 * nothing, and a platform retry of the same event is recognised by its dedupe key and dropped.
 */
export class Inbox {
  constructor(
    private readonly orm: MikroORM,
    private readonly queue: JobQueue,
  ) {}

  accept(event: ChatEvent): Promise<'accepted' | 'duplicate'> {
    return this.orm.em.fork().transactional(async (em) => {
      const inserted = await em.execute<{ id: number }[]>(
        `insert into inbox_event (platform, dedupe_key, kind, event, received_at, attempts)
         values (?, ?, ?, ?, now(), 0) on conflict (platform, dedupe_key) do nothing returning id`,
        [event.platform, event.dedupeKey, event.kind, JSON.stringify(eventToJson(event))],
      );
      const id = inserted[0]?.id;
      if (id === undefined) return 'duplicate';
      const actor = 'from' in event ? `${event.platform}:${event.from}` : undefined;
      await this.queue.send(
        handleEventJob(event),
        { id, ...(actor ? { actor } : {}) } satisfies HandleEvent,
        { em },
      );
      return 'accepted';
    });
  }

  /** Runs `handle` for a stored event unless it was already handled; records failures for the retry. */
  async process(id: number, handle: (em: EntityManager, event: ChatEvent) => Promise<void>): Promise<void> {
    const em = this.orm.em.fork();
    const row = await em.findOne(InboxEventSchema, { id });
    if (!row || row.processedAt) return;
    try {
      await em.transactional(async (tx) => {
        await handle(tx, eventFromJson(row.event));
        await tx.nativeUpdate(
          InboxEventSchema,
          { id },
          { processedAt: new Date(), attempts: row.attempts + 1 },
        );
      });
    } catch (error) {
      await this.orm.em
        .fork()
        .nativeUpdate(
          InboxEventSchema,
          { id },
          { attempts: row.attempts + 1, lastError: String(error).slice(0, 2000) },
        );
      throw error;
    }
  }
}

/** Forgets handled events older than `days`: the dedupe window of every platform is far shorter. */
export function pruneInbox(em: EntityManager, days: number): Promise<number> {
  return em.nativeDelete(InboxEventSchema, {
    processedAt: { $lt: new Date(Date.now() - days * 86_400_000) },
  });
}
