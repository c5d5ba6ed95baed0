import type { CardAudience } from '../audience/audience.js';
import type { Card } from '../model/card.js';

/** One card in one state, with sample data: the golden tests and the sandbox gallery share this list. */
export interface CardSample {
  /** File-safe and unique, e.g. `lead-new`; names the golden files. */
  name: string;
  /** What the gallery shows above the card, e.g. `线索 · 新线索`. */
  label: string;
  /** How this state reaches a chat: a new card, or an update of a card sent earlier. */
  delivery: 'send' | 'update';
  card: Card;
}

/** Who sees a card posted in a team group: the least-privileged member sees phones masked. */
export const GROUP_VIEW: CardAudience = { phone: 'masked', amount: 'visible' };

/** A viewer whose role hides amounts (e.g. a service agent in a finance group). */
export const NO_AMOUNT_VIEW: CardAudience = { phone: 'masked', amount: 'hidden' };

/** Render options of the samples: a made-up deployment and template id. */
export const SAMPLE_RENDER_OPTIONS = {
  appBaseUrl: 'https://crm.example.com/app',
  cardTemplateId: 'kelian-general.schema',
} as const;

/** `2025-03-08T14:30` Shanghai time → Date. */
export function at(local: string): Date {
  return new Date(`${local}:00+08:00`);
}
