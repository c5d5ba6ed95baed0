import type { ActionKey } from '../actions/action-key.js';

/** Which product situation a card shows; the renderers use it for the source line. */
export type CardKind =
  | 'lead'
  | 'approval'
  | 'ticket'
  | 'task'
  | 'purchase_request'
  | 'procurement_progress'
  | 'procurement_delay'
  | 'order_status'
  | 'stalled_deal'
  | 'daily_digest'
  | 'survey'
  | 'customer_results'
  | 'quote_list';

export type Tone = 'neutral' | 'success' | 'warning' | 'danger';

export type ActionStyle = 'primary' | 'default' | 'danger';

/** One key-value row. */
export interface CardField {
  label: string;
  value: string;
}

/** A click that comes back to the server (WeCom template_card_event, DingTalk card callback). */
export interface CallbackAction {
  type: 'callback';
  key: ActionKey;
  label: string;
  style: ActionStyle;
  /** The platform asks "are you sure?" before the click counts (DingTalk dialog, WeCom second card). */
  needsConfirmation: boolean;
}

/** A button that only opens a page of the mini-app; nothing reaches the server. */
export interface LinkAction {
  type: 'link';
  label: string;
  style: ActionStyle;
  /** Path inside the mini-app, e.g. `/pages/leads/detail?id=L1`; renderers prefix the base URL. */
  path: string;
}

export type CardAction = CallbackAction | LinkAction;

/** A single-choice question (the satisfaction survey): a vote card on WeCom, one button per option on DingTalk. */
export interface CardPoll {
  /** The action a submitted answer performs; the chosen option id travels as the key's `arg`. */
  key: ActionKey;
  options: { id: string; text: string }[];
  /** Set once answered: the card then shows the answer and accepts no more. */
  answered?: string;
}

/**
 * A reason the clicker gives with a callback (驳回): WeCom template cards take no free text, so they
 * offer `options` in a drop-down (button_selection) whose choice comes back with the click;
 * DingTalk cards have an input whose text comes back as the param `key`.
 */
export interface CardReasonPrompt {
  /** The question key (WeCom) / param name (DingTalk) the reason comes back under. */
  key: string;
  title: string;
  options: { id: string; text: string }[];
  placeholder: string;
}

/**
 * The neutral card every platform renders. Build it with `createCard`, which enforces the
 * limits; renderers trust a `Card` and only add the per-platform ones.
 */
export interface Card {
  /** Stable across updates of this card; becomes the WeCom task_id and the DingTalk outTrackId. */
  id: string;
  kind: CardKind;
  title: string;
  subtitle?: string;
  /** The one figure that matters (an amount, a count), shown large. */
  emphasis?: { value: string; label: string };
  fields: CardField[];
  /** What happened or what is expected; `badge` is its 2–5 character form for tags and greyed buttons. */
  status: { text: string; tone: Tone; badge: string };
  actions: CardAction[];
  poll?: CardPoll;
  reasonPrompt?: CardReasonPrompt;
  /** Where a click on the card body leads, inside the mini-app. */
  link?: { path: string };
  footer?: string;
}
