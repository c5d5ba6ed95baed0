/**
 * Every business action a card button can ask for. The bot routes a click by its verb; the flag
 * says whether the platform must ask "are you sure?" first (DingTalk shows a dialog, WeCom has
 * none, so the server answers an unconfirmed click with `buildConfirmationCard`).
 */
export const ACTION_VERBS = {
  'lead.claim': { needsConfirmation: false },
  'lead.reassign': { needsConfirmation: false },
  'lead.invalid': { needsConfirmation: true },
  'approval.approve': { needsConfirmation: false },
  'approval.reject': { needsConfirmation: true },
  'approval.withdraw': { needsConfirmation: true },
  /** A CC's or a submitter's look at where the run stands, answered in their chat. */
  'approval.status': { needsConfirmation: false },
  'ticket.accept': { needsConfirmation: false },
  'ticket.reassign': { needsConfirmation: false },
  'ticket.escalate': { needsConfirmation: true },
  'task.complete': { needsConfirmation: false },
  'task.postpone': { needsConfirmation: false },
  'receivable.paid': { needsConfirmation: false },
  'receivable.defer': { needsConfirmation: false },
  'procurement.accept': { needsConfirmation: false },
  'deal.nudge': { needsConfirmation: false },
  'survey.rate': { needsConfirmation: false },
  /** Answer with the card's current state; used where a click must do nothing else. */
  'card.refresh': { needsConfirmation: false },
} as const satisfies Record<string, { needsConfirmation: boolean }>;

export type ActionVerb = keyof typeof ACTION_VERBS;

export function isActionVerb(value: string): value is ActionVerb {
  return Object.hasOwn(ACTION_VERBS, value);
}

export function verbNeedsConfirmation(verb: ActionVerb): boolean {
  return ACTION_VERBS[verb].needsConfirmation;
}
