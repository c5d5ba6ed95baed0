import { buildConfirmationCard } from '../builders/confirmation.js';
import type { CallbackAction } from '../model/card.js';
import { approvalSamples } from './approval.js';
import { customerResultsSamples } from './customer-results.js';
import { leadSamples } from './lead.js';
import { managerSamples } from './manager.js';
import { orderSamples } from './order.js';
import { procurementSamples } from './procurement.js';
import type { CardSample } from './sample.js';
import { surveySamples } from './survey.js';
import { taskSamples } from './task.js';
import { ticketSamples } from './ticket.js';

// The WeCom confirmation step of "无效" on the new lead card.
const newLead = leadSamples[0]!.card;
const invalid = newLead.actions.find(
  (action): action is CallbackAction => action.type === 'callback' && action.key.verb === 'lead.invalid',
)!;

/** Every card in every state, in the order the gallery shows them. */
export const cardSamples: readonly CardSample[] = [
  ...leadSamples,
  {
    name: 'lead-confirm-invalid',
    label: '线索 · 确认「无效」（企业微信二次确认）',
    delivery: 'update',
    card: buildConfirmationCard(newLead, invalid),
  },
  ...approvalSamples,
  ...ticketSamples,
  ...taskSamples,
  ...customerResultsSamples,
  ...procurementSamples,
  ...orderSamples,
  ...managerSamples,
  ...surveySamples,
];
