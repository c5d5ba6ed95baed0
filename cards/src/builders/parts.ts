import type { ActionKey } from '../actions/action-key.js';
import { type ActionVerb, verbNeedsConfirmation } from '../actions/verbs.js';
import type { ActionStyle, CallbackAction, CardField, LinkAction } from '../model/card.js';

/** A button that calls back; whether it needs confirmation follows the verb, so every card agrees. */
export function callback(
  label: string,
  style: ActionStyle,
  verb: ActionVerb,
  id: string,
  arg?: string,
): CallbackAction {
  const key: ActionKey = arg === undefined ? { verb, id } : { verb, id, arg };
  return { type: 'callback', key, label, style, needsConfirmation: verbNeedsConfirmation(verb) };
}

export function link(label: string, path: string, style: ActionStyle = 'default'): LinkAction {
  return { type: 'link', label, style, path };
}

/** Rows in order; a row whose value the audience may not see (`undefined`) is left out on purpose. */
export function rows(...entries: [label: string, value: string | undefined][]): CardField[] {
  return entries.flatMap(([label, value]) => (value === undefined ? [] : [{ label, value }]));
}
