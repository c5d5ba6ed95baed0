export type Platform = 'wecom' | 'dingtalk';

/** The 1:1 conversation of a person with Kelian (the WeCom app, the DingTalk app robot). */
export const BOT_CHAT = 'bot';
/** How Kelian's app and robot are named in the sandbox corp's clients. */
export const BOT_NAME = '客联';
/** DingTalk's 工作通知 conversation, where work notifications land. */
export const NOTICE_CHAT = 'notice';

export interface ChatMessage {
  /** Increasing; `after=<seq>` lists only newer messages. */
  seq: number;
  platform: Platform;
  at: string;
  /** `in`: a person wrote to Kelian (a callback or Stream frame); `out`: Kelian sent it. */
  direction: 'in' | 'out';
  /** BOT_CHAT, NOTICE_CHAT, or a group's chat id (WeCom chatid, DingTalk openConversationId). */
  chat: string;
  chatName: string;
  from: { id: string; name: string };
  /** The people whose client shows the message (user ids of that platform). */
  viewers: string[];
  /** Recipients the platform accepted but did not deliver to, and why (limits drop silently). */
  dropped: { user: string; reason: string }[];
  /** The platform's own message type: text, markdown, template_card, sampleText, card… */
  type: string;
  /** The platform's own payload for that type. */
  content: unknown;
  /** The API or channel it came through: message/send, sessionWebhook, callback, stream… */
  via: string;
  /** For cards: the id the card store knows it by (WeCom task_id or msgid, DingTalk outTrackId). */
  cardId?: string;
  /** For incoming messages: how Kelian's server answered the delivery. */
  delivery?: unknown;
}

export interface MessageFilter {
  platform?: Platform;
  chat?: string;
  user?: string;
  after?: number;
}

// A sandbox left running for days must not grow without bound; the newest messages are what the
// page shows.
const KEEP = 5_000;

export class MessageLog {
  #messages: ChatMessage[] = [];
  #seq = 0;

  constructor(private readonly now: () => number) {}

  add(
    message: Omit<ChatMessage, 'seq' | 'at' | 'dropped'> & { dropped?: ChatMessage['dropped'] },
  ): ChatMessage {
    const full: ChatMessage = {
      ...message,
      dropped: message.dropped ?? [],
      seq: ++this.#seq,
      at: new Date(this.now()).toISOString(),
    };
    this.#messages.push(full);
    if (this.#messages.length > KEEP) this.#messages = this.#messages.slice(-KEEP);
    return full;
  }

  list(filter: MessageFilter = {}): ChatMessage[] {
    return this.#messages.filter(
      (m) =>
        (filter.platform === undefined || m.platform === filter.platform) &&
        (filter.chat === undefined || m.chat === filter.chat) &&
        (filter.user === undefined || m.viewers.includes(filter.user) || m.from.id === filter.user) &&
        (filter.after === undefined || m.seq > filter.after),
    );
  }
}
