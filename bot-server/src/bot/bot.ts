import { type ActionKey, parseActionKey } from '@kelian/cards';
import type { User } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import { RefusedError } from '../domain/access/errors.js';
import { refusalSentence } from '../domain/access/refusals.js';
import { findUserByPlatformId } from '../domain/org/users.js';
import type {
  CardActionEvent,
  ChatEvent,
  Conversation,
  OutboundMessage,
  TextEvent,
} from '../platforms/common.js';
import type { Command } from './command.js';
import type { Outbox } from './delivery/outbox.js';
import { parseCommand } from './parse.js';

/** What every handler of a person's message or click gets. */
export interface HandlerContext<E extends ChatEvent = ChatEvent> {
  /** The transaction the handler's changes and its replies commit in, together. */
  em: EntityManager;
  /** The CRM user who acted. */
  user: User;
  event: E;
  conversation: Conversation | undefined;
  /** Answers in the chat the event came from (enqueued in the same transaction). */
  reply(message: OutboundMessage): Promise<void>;
}

export interface ActionContext extends HandlerContext<CardActionEvent> {
  action: ActionKey;
}

/** Answers instead of the bot while something keeps Kelian from working (nobody administers it). */
export type Guard = (em: EntityManager) => Promise<string | undefined>;

export type ActionHandler = (ctx: ActionContext) => Promise<void>;
export type EventHandler<K extends ChatEvent['kind']> = (
  em: EntityManager,
  event: Extract<ChatEvent, { kind: K }>,
) => Promise<void>;

/**
 * The bot: commands (text → handler), card actions (button key → handler) and platform events
 * (kind → handler). Handlers call the domain; the bot only finds the acting user and the reply path.
 */
export class Bot {
  readonly #commands: Command[] = [];
  readonly #actions = new Map<string, ActionHandler>();
  readonly #guards: Guard[] = [];
  // Stored loosely typed; on() is the typed door in, and dispatch() only calls a handler with events
  // of the kind it registered for.
  readonly #events = new Map<ChatEvent['kind'], ((em: EntityManager, event: ChatEvent) => Promise<void>)[]>();

  constructor(private readonly outbox: Outbox) {}

  get commands(): readonly Command[] {
    return this.#commands;
  }

  command(command: Command): this {
    this.#commands.push(command);
    return this;
  }

  /** A check run before every person's message or click; its answer, if any, is given instead. */
  guard(guard: Guard): this {
    this.#guards.push(guard);
    return this;
  }

  /** `verb` is the action key's verb, e.g. `lead.claim`. */
  action(verb: string, handler: ActionHandler): this {
    this.#actions.set(verb, handler);
    return this;
  }

  on<K extends ChatEvent['kind']>(kind: K, handler: EventHandler<K>): this {
    const loose = (em: EntityManager, event: ChatEvent) =>
      handler(em, event as Extract<ChatEvent, { kind: K }>);
    this.#events.set(kind, [...(this.#events.get(kind) ?? []), loose]);
    return this;
  }

  async dispatch(em: EntityManager, event: ChatEvent): Promise<void> {
    for (const handler of this.#events.get(event.kind) ?? []) await handler(em, event);
    if (event.kind === 'text') await this.#onText(em, event);
    if (event.kind === 'card_action') await this.#onAction(em, event);
  }

  async #actor(em: EntityManager, event: TextEvent | CardActionEvent) {
    const reply = (message: OutboundMessage) => this.outbox.reply(em, event, message);
    for (const guard of this.#guards) {
      const answer = await guard(em);
      if (answer !== undefined) {
        await reply({ kind: 'text', text: answer });
        return undefined;
      }
    }
    const user = await findUserByPlatformId(em, event.platform, event.from);
    if (!user) {
      await reply({ kind: 'text', text: '你还没有开通客联账号，请联系管理员在客联中同步通讯录后再试。' });
      return undefined;
    }
    return { em, user, conversation: event.conversation, reply };
  }

  async #onText(em: EntityManager, event: TextEvent) {
    const actor = await this.#actor(em, event);
    if (!actor) return;
    const parsed = parseCommand(event.text, this.#commands);
    if (!parsed) {
      await actor.reply({
        kind: 'text',
        text: `没有听懂「${event.text.trim().slice(0, 20)}」。发送「帮助」查看可以使用的命令。`,
      });
      return;
    }
    await refused(actor, async () =>
      actor.reply(await parsed.command.run({ em, user: actor.user, args: parsed.args, event })),
    );
  }

  async #onAction(em: EntityManager, event: CardActionEvent) {
    const actor = await this.#actor(em, event);
    if (!actor) return;
    const action = parseActionKey(event.actionKey);
    const handler = action && this.#actions.get(action.verb);
    if (!action || !handler) {
      await actor.reply({ kind: 'text', text: '这个按钮已失效，请在客联小程序中查看最新状态。' });
      return;
    }
    await refused(actor, () => handler({ ...actor, event, action }));
  }
}

/**
 * A refusal of the domain (not visible, not permitted, a field refused…) that a command or card
 * action did not word itself is answered in the words of the one table (domain/access/refusals.ts),
 * as the API answers it. Refused before changing anything, so nothing is left half done.
 */
async function refused(actor: { reply(message: OutboundMessage): Promise<void> }, work: () => Promise<void>) {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof RefusedError)) throw error;
    await actor.reply({ kind: 'text', text: refusalSentence(error) });
  }
}
