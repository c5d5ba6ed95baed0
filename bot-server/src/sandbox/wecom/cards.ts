import { OneTimeCodes } from '../state/codes.js';
import { isUpdatable, type TemplateCard } from './template-card.js';

// Every template card sent, as each recipient's copy. WeCom keeps one copy per recipient: a
// passive reply changes only the clicker's copy, update_template_card the copies it names (or all
// with atall). Response codes are single-use and live 72 h (doc 94888 as of 2025-07; older docs
// said 24 h, which is what Kelian treats as safe).

const RESPONSE_CODE_TTL_MS = 72 * 3600_000;

export interface ResponseGrant {
  cardId: string;
  agentId: string;
}

export interface WeComCardView {
  card: TemplateCard;
  /** Set once the buttons are spent: the text of the grey button that replaced them. */
  disabled?: string;
  version: number;
  updatedAt: string;
}

export type CardChange = { replaceName: string } | { card: TemplateCard };

interface Instance {
  agentId: string;
  copies: Map<string, WeComCardView>;
}

export class WeComCards {
  readonly #cards = new Map<string, Instance>();
  /** task_id is unique per app forever, not only among live cards. */
  readonly #taskIds = new Set<string>();
  readonly codes: OneTimeCodes<ResponseGrant>;

  constructor(private readonly now: () => number) {
    this.codes = new OneTimeCodes<ResponseGrant>(now, 64);
  }

  taskIdTaken(agentId: string, taskId: string): boolean {
    return this.#taskIds.has(`${agentId}:${taskId}`);
  }

  /** Records a sent card; returns its response_code when the card can be updated. */
  add(cardId: string, agentId: string, card: TemplateCard, recipients: string[]): string | undefined {
    if (typeof card.task_id === 'string') this.#taskIds.add(`${agentId}:${card.task_id}`);
    const updatedAt = this.#stamp();
    const copies = new Map(recipients.map((u) => [u, { card, version: 1, updatedAt }]));
    this.#cards.set(cardId, { agentId, copies });
    return isUpdatable(card) ? this.issueCode(cardId) : undefined;
  }

  /** A fresh code for the card, as every template_card_event carries. */
  issueCode(cardId: string): string {
    const instance = this.#cards.get(cardId);
    if (!instance) throw new Error(`no WeCom card ${cardId}`);
    return this.codes.issue({ cardId, agentId: instance.agentId }, RESPONSE_CODE_TTL_MS);
  }

  copy(cardId: string, user: string): WeComCardView | undefined {
    return this.#cards.get(cardId)?.copies.get(user);
  }

  recipients(cardId: string): string[] {
    return [...(this.#cards.get(cardId)?.copies.keys() ?? [])];
  }

  /** Changes the copies of `users` that exist; returns whose copies changed. */
  apply(cardId: string, users: Iterable<string>, change: CardChange): string[] {
    const instance = this.#cards.get(cardId);
    if (!instance) return [];
    const changed: string[] = [];
    for (const user of users) {
      const copy = instance.copies.get(user);
      if (!copy) continue;
      const card = 'card' in change ? change.card : copy.card;
      const disabled =
        'replaceName' in change
          ? change.replaceName
          : typeof card.replace_text === 'string' && card.replace_text !== ''
            ? card.replace_text
            : undefined;
      instance.copies.set(user, {
        card,
        ...(disabled === undefined ? {} : { disabled }),
        version: copy.version + 1,
        updatedAt: this.#stamp(),
      });
      changed.push(user);
    }
    return changed;
  }

  views(cardId: string): Record<string, WeComCardView> {
    return Object.fromEntries(this.#cards.get(cardId)?.copies ?? []);
  }

  #stamp(): string {
    return new Date(this.now()).toISOString();
  }
}
