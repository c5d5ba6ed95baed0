import { OneTimeCodes } from '../state/codes.js';
import type { Org } from '../state/org.js';
import { RateLimiter } from '../state/rate-limit.js';
import { TokenBook } from '../state/tokens.js';
import { WeComCards } from './cards.js';
import { WeComCustomers } from './customers.js';

/** An app-created group chat (appchat); the demo groups are ones the app created. */
export interface AppChat {
  chatid: string;
  name: string;
  owner: string;
  members: string[];
  /** The group robot (消息推送) added to it, if any. */
  webhookKey: string | undefined;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;

/** What the stand-in WeCom remembers between calls. */
export class WeComState {
  readonly tokens: TokenBook;
  /** jsapi_ticket (corp) and agent_config tickets, keyed by kind. */
  readonly tickets: TokenBook;
  /** Codes of the sandbox OAuth page (H5) and of wx.qy.login (mini-program): 5 min, single use. */
  readonly oauthCodes: OneTimeCodes<{ userid: string; scope: string }>;
  readonly miniProgramCodes: OneTimeCodes<{ userid: string }>;
  readonly cards: WeComCards;
  readonly customers = new WeComCustomers();
  readonly appchats: Map<string, AppChat>;
  /** App messages: per app to one member ≤30/min and ≤1000/h, the excess silently dropped (§4.2). */
  readonly memberSends: RateLimiter;
  /** Appchat: a member receives ≤200/min per app, the excess silently dropped. */
  readonly appchatReceives: RateLimiter;
  /** Group robot webhook: 20 messages/min per robot. */
  readonly webhookSends: RateLimiter;
  /** Base limit per corp per API (message sends do not count toward it). */
  readonly apiCalls: RateLimiter;
  /** enable_duplicate_check: content hash → when the check window ends. */
  readonly recentContent = new Map<string, number>();
  #msgSeq = 0;

  constructor(
    private readonly now: () => number,
    org: Org,
  ) {
    this.tokens = new TokenBook(now, 64);
    this.tickets = new TokenBook(now, 80);
    this.oauthCodes = new OneTimeCodes(now, 32);
    this.miniProgramCodes = new OneTimeCodes(now, 32);
    this.cards = new WeComCards(now);
    this.appchats = new Map(
      org.groups.map((g) => [
        g.wecom.chatid,
        {
          chatid: g.wecom.chatid,
          name: g.name,
          owner: g.owner.wecom.userid,
          members: g.members.map((p) => p.wecom.userid),
          webhookKey: g.wecom.webhookKey,
        },
      ]),
    );
    this.memberSends = new RateLimiter(
      now,
      [
        { limit: 30, ms: MINUTE },
        { limit: 1000, ms: HOUR },
      ],
      true,
    );
    this.appchatReceives = new RateLimiter(now, [{ limit: 200, ms: MINUTE }], true);
    this.webhookSends = new RateLimiter(now, [{ limit: 20, ms: MINUTE }], true);
    this.apiCalls = new RateLimiter(
      now,
      [
        { limit: 10_000, ms: MINUTE },
        { limit: 150_000, ms: HOUR },
      ],
      true,
    );
  }

  /** WeCom msgids are opaque strings; these are long enough not to fit a JS number. */
  nextMsgId(): string {
    this.#msgSeq += 1;
    return `${(BigInt(this.now()) * 1_000_000n + BigInt(this.#msgSeq)).toString()}`;
  }

  webhookChat(key: string): AppChat | undefined {
    return [...this.appchats.values()].find((c) => c.webhookKey === key);
  }
}
