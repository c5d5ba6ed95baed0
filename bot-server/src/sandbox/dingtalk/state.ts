import { OneTimeCodes } from '../state/codes.js';
import type { Org } from '../state/org.js';
import { RateLimiter } from '../state/rate-limit.js';
import { TokenBook } from '../state/tokens.js';
import { DingTalkCards } from './cards.js';
import { DingTalkTodos } from './todos.js';

export interface DingTalkGroup {
  openConversationId: string;
  name: string;
  owner: string;
  members: string[];
}

/** A robot message's sessionWebhook: replies posted to it land in the chat the message came from. */
export interface RobotSession {
  chat: string;
  chatName: string;
  viewers: string[];
  expiresAt: number;
}

/** Where HTTP card callbacks of a callbackRouteKey go (POST /v1.0/card/callbacks/register). */
export interface CardCallbackRoute {
  callbackUrl: string;
  apiSecret: string;
}

/** What the stand-in DingTalk remembers between calls. */
export class DingTalkState {
  readonly tokens: TokenBook;
  readonly tickets: TokenBook;
  /** dd.requestAuthCode / dd.getAuthCode codes: 5 min, single use. */
  readonly authCodes: OneTimeCodes<{ userid: string }>;
  readonly cards: DingTalkCards;
  /** 待办 the app created (todo v1.0). */
  readonly todos: DingTalkTodos;
  readonly groups: Map<string, DingTalkGroup>;
  readonly sessions = new Map<string, RobotSession>();
  readonly cardCallbackRoutes = new Map<string, CardCallbackRoute>();
  /** Per app per API 20 QPS (standard org), §6. */
  readonly qps: RateLimiter;
  /** Work notifications: the same content reaches a user once a day (key user|day|hash). */
  readonly noticeContent = new Set<string>();
  /** Work notifications per user per day (key user|day), ≤500 for an internal app. */
  readonly noticeCounts = new Map<string, number>();

  constructor(now: () => number, org: Org) {
    this.tokens = new TokenBook(now, 32);
    this.tickets = new TokenBook(now, 64);
    this.authCodes = new OneTimeCodes(now, 32);
    this.cards = new DingTalkCards(now);
    this.todos = new DingTalkTodos(now);
    this.groups = new Map(
      org.groups.map((g) => [
        g.dingtalk.openConversationId,
        {
          openConversationId: g.dingtalk.openConversationId,
          name: g.name,
          owner: g.owner.dingtalk.userid,
          members: g.members.map((p) => p.dingtalk.userid),
        },
      ]),
    );
    this.qps = new RateLimiter(now, [{ limit: 20, ms: 1000 }], false);
  }
}
