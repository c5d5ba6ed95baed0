/** How a viewer may see one kind of sensitive field (the admin's field rules, DESIGN.md "Permissions"). */
export type FieldRule = 'visible' | 'masked' | 'hidden';

/**
 * What the people who will see a card may see. For a direct chat it is the recipient's view;
 * for a group it is the least-privileged member's (`leastPrivileged`), because everyone in the
 * group sees the same card.
 */
export interface CardAudience {
  /** Phone numbers of customers and contacts. */
  phone: FieldRule;
  /** Money: contract, order, deal and refund amounts. */
  amount: FieldRule;
}

/** A viewer allowed to see everything (an admin, or a sales rep on their own records). */
export const FULL_VIEW: CardAudience = { phone: 'visible', amount: 'visible' };

const STRICTNESS: Record<FieldRule, number> = { visible: 0, masked: 1, hidden: 2 };

function stricter(a: FieldRule, b: FieldRule): FieldRule {
  return STRICTNESS[a] >= STRICTNESS[b] ? a : b;
}

/** The view of a group: per field, the strictest rule of any member. An empty group sees everything hidden. */
export function leastPrivileged(members: readonly CardAudience[]): CardAudience {
  if (members.length === 0) return { phone: 'hidden', amount: 'hidden' };
  return members.reduce((acc, member) => ({
    phone: stricter(acc.phone, member.phone),
    amount: stricter(acc.amount, member.amount),
  }));
}
