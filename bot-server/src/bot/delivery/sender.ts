import { CardInstanceSchema, OutboundMessageSchema } from '@kelian/orm';
import { LockMode, type MikroORM } from '@mikro-orm/postgresql';
import type { CardSubject } from '../../domain/notify/notifier.js';
import type { Logger } from '../../logger.js';
import type {
  Audience,
  CardRef,
  ChatPlatform,
  OutboundMessage,
  PlatformName,
  PlatformResolver,
} from '../../platforms/common.js';
import type { PresentCard } from '../cards/presenter.js';
import type { RateGate } from './rate-gate.js';
import type { Lane } from './slots.js';

interface Ready {
  platform: ChatPlatform;
  audience: Audience;
  message: OutboundMessage;
  subject: CardSubject | undefined;
  /** Attempts so far, this one included. */
  attempts: number;
}

/** A sender holds a claimed message this long; a crashed sender's messages are taken again after it. */
const claimSeconds = 15;
/** An outage is waited out: backoff doubling up to five minutes, for about two hours in all. */
const maxAttempts = 30;

/**
 * Delivers outbound messages. `claim` takes due messages of a lane off the table for a while;
 * `send` delivers one claimed message in three steps:
 * 1. in a transaction that locks the message: admit it against the platform's rate windows (or book
 *    the slot where it fits: it becomes due again then), and mark it `sending`;
 * 2. call the platform, outside any transaction;
 * 3. record the outcome (and, for a card of a subject, the card instance its updates go to).
 * A crash between 2 and 3 leaves it `sending`: the job's retry sends it again under the same card id,
 * which the platform refuses as a duplicate, and that refusal is recorded as the delivery it was.
 */
export class MessageSender {
  constructor(
    private readonly orm: MikroORM,
    private readonly platforms: PlatformResolver,
    private readonly gate: RateGate,
    private readonly present: PresentCard,
    private readonly logger: Logger,
  ) {}

  claim(lane: Lane, limit: number): Promise<{ id: number }[]> {
    return this.orm.em.fork().execute<{ id: number }[]>(
      `update outbound_message set claimed_until = now() + interval '${claimSeconds} seconds'
        where id in (select id from outbound_message
                      where state in ('pending', 'sending') and lane = ? and not_before <= now()
                        and (claimed_until is null or claimed_until < now())
                      order by not_before, id limit ? for update skip locked)
        returning id`,
      [lane, limit],
    );
  }

  async send(id: number): Promise<void> {
    const ready = await this.#admit(id);
    if (!ready) return;
    let ref: CardRef | undefined;
    try {
      ref = await ready.platform.send(ready.audience, ready.message);
    } catch (error) {
      const verdict = ready.platform.judge(error);
      // The card's id was made for this message alone: if the platform has it already, an earlier
      // attempt delivered it (a crash, or a timeout after the platform had accepted it).
      if (verdict === 'duplicate' && ready.message.kind === 'card') {
        this.logger.info({ id: id }, 'the platform already had this card: an earlier attempt delivered it');
        ref = {
          platform: ready.platform.name,
          cardId: ready.message.card.id,
          audience: ready.audience,
          version: 1,
        };
      } else if (verdict === 'retry' && ready.attempts < maxAttempts) {
        this.logger.warn({ id, err: error }, 'sending failed; trying again later');
        const backoffMs = Math.min(300, 2 ** (ready.attempts - 1)) * 1000;
        await this.#record(id, {
          state: 'pending',
          lastError: String(error).slice(0, 2000),
          notBefore: new Date(Date.now() + backoffMs),
          claimedUntil: null,
        });
        return;
      } else {
        this.logger.warn({ id: id, err: error }, 'the platform refused a message for good');
        await this.#record(id, { state: 'failed', lastError: String(error).slice(0, 2000) });
        return;
      }
    }
    await this.#delivered(id, ready, ref);
  }

  async #admit(id: number): Promise<Ready | undefined> {
    return this.orm.em.fork().transactional(async (em) => {
      const row = await em.findOne(OutboundMessageSchema, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      // Sent or given up meanwhile (a claim that expired while its sender was slow): nothing to do.
      if (!row || !['pending', 'sending'].includes(row.state)) return undefined;
      const platform = this.platforms(row.platform as PlatformName);
      if (!platform) {
        row.state = 'dropped';
        row.lastError = `${row.platform} is not configured`;
        return undefined;
      }
      const audience = row.audience as unknown as Audience;
      const subject = row.subjectType ? { type: row.subjectType, id: row.subjectId! } : undefined;
      let message = row.message as unknown as OutboundMessage | null;
      if (!message && subject) {
        const card = await this.present(em, subject, row.cardId!);
        if (!card) {
          row.state = 'dropped';
          return undefined;
        }
        message = { kind: 'card', card: row.footer ? { ...card, footer: row.footer } : card };
      }
      if (!message) throw new Error(`Outbound message ${row.id} has nothing to send`);
      const lane = row.lane as Lane;
      const admission = await this.gate.admit(em, row.id, platform.rateKeys(audience, message), lane);
      if (admission.at !== 'now') {
        // Due again when its window opens; until then no sender takes it.
        row.notBefore = admission.at;
        row.claimedUntil = null;
        return undefined;
      }
      row.state = 'sending';
      row.attempts += 1;
      return { platform, audience, message, subject, attempts: row.attempts };
    });
  }

  async #delivered(id: number, ready: Ready, ref: CardRef | undefined): Promise<void> {
    const sent = { state: 'sent', sentAt: new Date(), lastError: null, claimedUntil: null };
    const card = ready.message.kind === 'card' ? ready.message.card : undefined;
    const { subject } = ready;
    if (!ref || !subject || !card) {
      await this.orm.em.fork().nativeUpdate(OutboundMessageSchema, { id }, sent);
      return;
    }
    // The card's handle is recorded with its delivery: updates reach every copy from now on.
    await this.orm.em.fork().transactional(async (em) => {
      await em.nativeUpdate(OutboundMessageSchema, { id }, sent);
      em.create(CardInstanceSchema, {
        cardId: ref.cardId,
        platform: ref.platform,
        kind: card.kind,
        objectType: subject.type,
        objectId: String(subject.id),
        ref: ref as unknown as Record<string, unknown>,
        card: card as unknown as Record<string, unknown>,
        version: ref.version,
      });
    });
  }

  #record(
    id: number,
    change: { state: string; lastError: string; notBefore?: Date; claimedUntil?: null },
  ): Promise<number> {
    return this.orm.em.fork().nativeUpdate(OutboundMessageSchema, { id }, change);
  }
}
