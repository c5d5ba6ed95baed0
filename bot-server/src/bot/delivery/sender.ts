import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { CardSubject } from '../../domain/notify/notifier.js';
import { BatchedWrites } from '../../jobs/batched-writes.js';
import type { Logger } from '../../logger.js';
import type {
  Audience,
  CardRef,
  ChatPlatform,
  OutboundMessage,
  PlatformName,
  PlatformResolver,
} from '../../platforms/common.js';
import type { RenderCards } from '../cards/presenter.js';
import type { RateGate } from './rate-gate.js';
import type { Lane } from './slots.js';

interface Ready {
  id: number;
  platform: ChatPlatform;
  audience: Audience;
  message: OutboundMessage;
  subject: CardSubject | undefined;
  lane: Lane;
  /** Attempts so far, this one included. */
  attempts: number;
}

/** What became of one send, recorded with the others that finished at the same moment. */
type Outcome =
  | { id: number; state: 'sent'; ref: CardRef | undefined; ready: Ready; answeredAt: number }
  | { id: number; state: 'dropped' }
  | { id: number; state: 'pending'; error: string; notBefore: Date; lane: Lane }
  | { id: number; state: 'failed'; error: string };

/** A claimed message: what it is to send (these columns never change once it is written). */
export interface ClaimedMessage {
  id: number;
  platform: string;
  lane: string;
  audience: Audience;
  message: OutboundMessage | null;
  subject_type: string | null;
  subject_id: number | null;
  card_id: string | null;
  footer: string | null;
}

/** A claimed message made ready to admit: its platform found, or to be dropped (with why). */
type Prepared =
  | { id: number; platform: ChatPlatform; claimed: ClaimedMessage }
  | { id: number; dropped: string };

/** An admitted message: its slot is taken, its attempt counted. */
interface Admitted {
  platform: ChatPlatform;
  claimed: ClaimedMessage;
  /** Attempts so far, this one included. */
  attempts: number;
}

const subjectOf = (row: ClaimedMessage): CardSubject | undefined =>
  row.subject_type ? { type: row.subject_type, id: row.subject_id! } : undefined;

/** A sender holds a claimed message this long; a crashed sender's messages are taken again after it. */
const claimSeconds = 15;
/** An outage is waited out: backoff doubling up to five minutes, for about two hours in all. */
const maxAttempts = 30;
/** A JSON array of ids as a set in SQL (the driver would spread a plain array into a list). */
const idsIn = 'in (select (jsonb_array_elements_text(?::jsonb))::bigint)';

/**
 * Delivers outbound messages. `claim` takes due messages of a lane off the table for a while;
 * `send` delivers one claimed message in three steps:
 * 1. in a transaction that locks the message: admit it against the platform's rate windows (or book
 *    the slot where it fits: it becomes due again then), and mark it `sending`;
 * 2. call the platform, outside any transaction;
 * 3. record the outcome (and, for a card of a subject, the card instance its updates go to).
 * Steps 1 and 3 are shared by the messages that reach them at the same moment: one transaction
 * admits a claimed batch, one records the outcomes that came back together. Each message still has
 * its own state and its own platform call; a batch the database refuses is tried message by message.
 * A crash between 2 and 3 leaves it `sending`: the job's retry sends it again under the same card id,
 * which the platform refuses as a duplicate, and that refusal is recorded as the delivery it was.
 */
export class MessageSender {
  readonly #admissions = new BatchedWrites<Prepared, Admitted | undefined>((items) => this.#admit(items), {
    concurrency: 2,
    maxBatch: 64,
    gather: true,
  });
  // A read, not a write, but batched the same way: the cards admitted together are rendered together.
  readonly #renders = new BatchedWrites<Admitted, Ready | undefined>((items) => this.#renderAll(items), {
    concurrency: 2,
    maxBatch: 64,
    gather: true,
  });
  readonly #outcomes = new BatchedWrites<Outcome, undefined>((outcomes) => this.#record(outcomes), {
    concurrency: 1,
    maxBatch: 256,
    gather: true,
  });

  constructor(
    private readonly orm: MikroORM,
    private readonly platforms: PlatformResolver,
    private readonly gate: RateGate,
    private readonly render: RenderCards,
    private readonly logger: Logger,
    /** Asks, in the caller's transaction, for a subject's recorded cards to be brought up to date. */
    private readonly refreshCards: (em: EntityManager, subject: CardSubject) => Promise<void>,
    /** Told, once committed, when messages of a lane fall due again (booked, or to be tried again). */
    private readonly dueAgain: (lane: Lane, at: Date) => void = () => {},
  ) {}

  /** Takes due messages of `lane` for `claimSeconds`, with what they are to send. */
  async claim(lane: Lane, limit: number): Promise<ClaimedMessage[]> {
    const rows = await this.orm.em.fork().execute<(Omit<ClaimedMessage, 'id'> & { id: number | string })[]>(
      `update outbound_message set claimed_until = now() + interval '${claimSeconds} seconds'
        where id in (select id from outbound_message
                      where state in ('pending', 'sending') and lane = ? and not_before <= now()
                        and (claimed_until is null or claimed_until < now())
                      order by not_before, id limit ? for update skip locked)
        returning id, platform, lane, audience, message, subject_type, subject_id, card_id, footer`,
      [lane, limit],
    );
    // A bigint comes back from the driver as a string.
    return rows.map((row) => ({ ...row, id: Number(row.id) }));
  }

  async send(claimed: ClaimedMessage): Promise<void> {
    const platform = this.platforms(claimed.platform as PlatformName);
    const admitted = await this.#admissions.submit(
      platform
        ? { id: claimed.id, platform, claimed }
        : { id: claimed.id, dropped: `${claimed.platform} is not configured` },
    );
    if (!admitted) return;
    const ready = await this.#renders.submit(admitted);
    await this.#outcomes.submit(ready ? await this.#call(ready) : { id: claimed.id, state: 'dropped' });
  }

  /**
   * What admitted messages send: a subject's card is rendered now (after the admission, so that a
   * message booked for later is not rendered twice), showing the subject's state of this moment;
   * undefined when the subject is gone. The subjects of the batch's cards are read together first.
   */
  async #renderAll(admitted: Admitted[]): Promise<(Ready | undefined)[]> {
    const toRender = admitted.flatMap(({ claimed }) => {
      const subject = subjectOf(claimed);
      return !claimed.message && subject ? [{ subject, cardId: claimed.card_id! }] : [];
    });
    const rendered = await this.render(this.orm.em.fork(), toRender);
    return admitted.map(({ platform, claimed: row, attempts }) => {
      const subject = subjectOf(row);
      let message = row.message;
      if (!message && subject) {
        const card = rendered.shift();
        if (!card) return undefined;
        message = { kind: 'card', card: row.footer ? { ...card, footer: row.footer } : card };
      }
      if (!message) throw new Error(`Outbound message ${row.id} has nothing to send`);
      return {
        id: row.id,
        platform,
        audience: row.audience,
        message,
        subject,
        lane: row.lane as Lane,
        attempts,
      };
    });
  }

  /** Calls the platform and judges what it answered. */
  async #call(ready: Ready): Promise<Outcome> {
    const { id } = ready;
    try {
      const ref = await ready.platform.send(ready.audience, ready.message);
      return { id, state: 'sent', ready, ref, answeredAt: Date.now() };
    } catch (error) {
      const verdict = ready.platform.judge(error);
      // The card's id was made for this message alone: if the platform has it already, an earlier
      // attempt delivered it (a crash, or a timeout after the platform had accepted it).
      if (verdict === 'duplicate' && ready.message.kind === 'card') {
        this.logger.info({ id }, 'the platform already had this card: an earlier attempt delivered it');
        const ref = {
          platform: ready.platform.name,
          cardId: ready.message.card.id,
          audience: ready.audience,
          version: 1,
        };
        return { id, state: 'sent', ready, ref, answeredAt: Date.now() };
      }
      if (verdict === 'retry' && ready.attempts < maxAttempts) {
        this.logger.warn({ id, err: error }, 'sending failed; trying again later');
        const backoffMs = Math.min(300, 2 ** (ready.attempts - 1)) * 1000;
        return {
          id,
          state: 'pending',
          error: String(error).slice(0, 2000),
          notBefore: new Date(Date.now() + backoffMs),
          lane: ready.lane,
        };
      }
      this.logger.warn({ id, err: error }, 'the platform refused a message for good');
      return { id, state: 'failed', error: String(error).slice(0, 2000) };
    }
  }

  /** Step 1 for every prepared message, in one transaction; answers which may go now. */
  async #admit(prepared: Prepared[]): Promise<(Admitted | undefined)[]> {
    const admitted = await this.orm.em.fork().transactional(async (em) => {
      // Sent or given up meanwhile (a claim that expired while its sender was slow): left out.
      const rows = await em.execute<{ id: number | string; attempts: number }[]>(
        `select id, attempts from outbound_message where id ${idsIn} and state in ('pending', 'sending')
          order by id for update`,
        [JSON.stringify(prepared.map((p) => p.id))],
      );
      const attempts = new Map(rows.map((row) => [Number(row.id), row.attempts]));
      const dropped: { id: number; error: string }[] = [];
      const candidates: (Admitted & { id: number })[] = [];
      for (const p of prepared) {
        const before = attempts.get(p.id);
        if (before === undefined) continue;
        if ('dropped' in p) dropped.push({ id: p.id, error: p.dropped });
        else candidates.push({ ...p, attempts: before + 1 });
      }
      const admissions = await this.gate.admitAll(
        em,
        candidates.map(({ id, platform, claimed }) => ({
          messageId: id,
          // A subject's card is rendered once admitted: its kind is all the rate keys need.
          keys: platform.rateKeys(claimed.audience, claimed.message?.kind ?? 'card'),
          lane: claimed.lane as Lane,
        })),
      );
      const sending = candidates.filter((_, i) => admissions[i]!.at === 'now');
      // Due again when its window opens; until then no sender takes it.
      const booked = candidates.flatMap((c, i) => {
        const { at } = admissions[i]!;
        return at === 'now' ? [] : [{ id: c.id, at }];
      });
      await this.#update(
        em,
        `state = 'sending', attempts = attempts + 1`,
        sending.map((c) => ({ id: c.id })),
      );
      await this.#update(em, 'not_before = v.at, claimed_until = null', booked, 'at timestamptz');
      await this.#update(em, `state = 'dropped', last_error = v.error`, dropped, 'error text');
      return {
        sending: new Map(sending.map((c) => [c.id, c])),
        booked: candidates.flatMap((c, i) => {
          const { at } = admissions[i]!;
          return at === 'now' ? [] : [{ lane: c.claimed.lane as Lane, at }];
        }),
      };
    });
    this.#tellDue(admitted.booked);
    return prepared.map((p) => admitted.sending.get(p.id));
  }

  /** Step 3 for the outcomes that came back together, in one transaction. */
  async #record(outcomes: Outcome[]): Promise<undefined[]> {
    await this.orm.em.fork().transactional(async (em) => {
      const sent = outcomes.filter((o) => o.state === 'sent');
      const refreshed = await this.#update(
        em,
        `state = 'sent', sent_at = now(), last_error = null, claimed_until = null`,
        sent.map((o) => ({ id: o.id })),
        '',
        'o.id, o.refresh_when_sent',
      );
      await this.gate.answered(
        em,
        sent.map((o) => ({ messageId: o.id, at: o.answeredAt })),
      );
      // Rendered before a change whose refresh ran while it was on its way: refreshed now that the
      // copy is recorded below (the job runs after this commits).
      const stale = new Set(refreshed.filter((r) => r.refresh_when_sent).map((r) => Number(r.id)));
      for (const { id, ready } of sent)
        if (stale.has(id) && ready.subject) await this.refreshCards(em, ready.subject);
      const again = outcomes.flatMap((o) =>
        o.state === 'pending' ? [{ id: o.id, error: o.error, at: o.notBefore }] : [],
      );
      await this.#update(
        em,
        // The next attempt renders the subject again: an earlier refresh's mark is void.
        `state = 'pending', last_error = v.error, not_before = v.at, claimed_until = null,
         refresh_when_sent = false`,
        again,
        'error text, at timestamptz',
      );
      const failed = outcomes.flatMap((o) => (o.state === 'failed' ? [{ id: o.id, error: o.error }] : []));
      await this.#update(em, `state = 'failed', last_error = v.error`, failed, 'error text');
      // The subject was gone when its card was to be rendered.
      const gone = outcomes.filter((o) => o.state === 'dropped');
      await this.#update(em, `state = 'dropped', claimed_until = null`, gone);
      // The card's handle is recorded with its delivery: updates reach every copy from now on. One
      // statement for the batch, its rows as one JSON parameter: building the insert through the ORM
      // was a few per cent of a card burst's CPU.
      const cards = sent.flatMap(({ ref, ready }) => {
        const card = ready.message.kind === 'card' ? ready.message.card : undefined;
        const { subject } = ready;
        if (!ref || !subject || !card) return [];
        return [
          {
            card_id: ref.cardId,
            platform: ref.platform,
            kind: card.kind,
            object_type: subject.type,
            object_id: String(subject.id),
            ref,
            card,
            version: ref.version,
          },
        ];
      });
      if (cards.length > 0)
        await em.execute(
          `insert into card_instance
             (card_id, platform, kind, object_type, object_id, ref, card, version, created_at, updated_at)
           select card_id, platform, kind, object_type, object_id, ref, card, version, now(), now()
             from jsonb_to_recordset(?::jsonb) as v (card_id text, platform text, kind text,
                  object_type text, object_id text, ref jsonb, card jsonb, version int)`,
          [JSON.stringify(cards)],
        );
    });
    this.#tellDue(
      outcomes.flatMap((o) => (o.state === 'pending' ? [{ lane: o.lane, at: o.notBefore }] : [])),
    );
    return outcomes.map(() => undefined);
  }

  /** Tells, once committed, when each of these messages falls due (each time: they differ by member). */
  #tellDue(due: { lane: Lane; at: Date }[]): void {
    for (const { lane, at } of due) this.dueAgain(lane, at);
  }

  /**
   * Sets `assignments` on the messages in `rows`; each row's other fields are `v.<name>` (typed by
   * `columns`). Answers the updated rows' `returning` columns, if any are asked for.
   */
  async #update(
    em: EntityManager,
    assignments: string,
    rows: ({ id: number } & Record<string, unknown>)[],
    columns = '',
    returning = '',
  ): Promise<Record<string, unknown>[]> {
    if (rows.length === 0) return [];
    return em.execute(
      `update outbound_message o set ${assignments}
         from jsonb_to_recordset(?::jsonb) as v (id bigint${columns ? `, ${columns}` : ''}) where o.id = v.id
         ${returning ? `returning ${returning}` : ''}`,
      [JSON.stringify(rows)],
    );
  }
}
