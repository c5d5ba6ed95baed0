import {
  buildCustomerResultsCard,
  type Card,
  CUSTOMER_RESULTS_MAX,
  type CustomerResult,
  cardIdFor,
  FULL_VIEW,
} from '@kelian/cards';
import type { Access } from '../../domain/access/access.js';
import type { BestMatches } from '../../domain/customers/list.js';
import { presentContact, presentCustomer } from '../../domain/customers/records.js';

/** How many customers the answer to `客户 <关键词>` shows at most. */
export const resultsShown = CUSTOMER_RESULTS_MAX;

/**
 * The matches as a card for the person who asked. Every value goes through the one presenter with
 * their access, so a masked phone reaches the card masked and a hidden one not at all; the card is
 * then built for a full view, as the presenter has already taken away what they may not see.
 */
export function customerResultsCard(
  access: Access,
  keyword: string,
  matches: BestMatches,
  cardKey: string,
): Card {
  const customers = matches.customers.map(({ customer, contact, changeable, matchedBy }): CustomerResult => {
    const shown = presentCustomer(access, customer, changeable).values;
    const person = contact ? presentContact(access, contact, false).values : undefined;
    const phone = person?.mobile ?? shown.phone ?? undefined;
    return {
      id: String(customer.id),
      name: shown.name ?? `客户 #${customer.id}`,
      ...(shown.owner && { owner: shown.owner.name }),
      ...(person?.name && { contact: person.name }),
      ...(phone && { phone: String(phone) }),
      ...(matchedBy && { matchedBy }),
    };
  });
  return buildCustomerResultsCard(
    { cardId: cardIdFor('customer-results', cardKey, 1), keyword, customers, more: matches.more },
    FULL_VIEW,
  );
}
