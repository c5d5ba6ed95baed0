import type { FlowCondition } from '@kelian/orm';

// One rule of a condition branch on a value of the document. Numbers compare as numbers (amounts
// are integer cents), dates as their ISO text (which sorts like the dates), everything else as text.
// `in_department` and `in_role` speak of a user field (the submitter, the owner): the facts of that
// user come from `userFacts`.

export interface UserFacts {
  /** Their department and every one above it. */
  departmentIds: readonly number[];
  roles: readonly string[];
}

type Comparable = number | string;

const comparable = (value: unknown): Comparable | undefined =>
  typeof value === 'number' || typeof value === 'string' ? value : undefined;

function compare(a: Comparable, b: Comparable): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number' && typeof b === 'string' && b.trim() !== '' && !Number.isNaN(Number(b)))
    return a - Number(b);
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

export function conditionHolds(
  condition: FlowCondition,
  value: unknown,
  userFacts: (userId: number) => UserFacts | undefined,
): boolean {
  const { op, value: operands } = condition;
  if (op === 'in_department' || op === 'in_role') {
    const facts = typeof value === 'number' ? userFacts(value) : undefined;
    if (!facts) return false;
    const held: readonly (string | number)[] = op === 'in_role' ? facts.roles : facts.departmentIds;
    return operands.some((o) => held.some((h) => String(h) === String(o)));
  }
  const actual = comparable(value);
  if (actual === undefined) return op === 'ne';
  const [first, second] = operands as [Comparable, Comparable?];
  switch (op) {
    case 'eq':
      return compare(actual, first) === 0;
    case 'ne':
      return compare(actual, first) !== 0;
    case 'gt':
      return compare(actual, first) > 0;
    case 'lt':
      return compare(actual, first) < 0;
    case 'gte':
      return compare(actual, first) >= 0;
    case 'lte':
      return compare(actual, first) <= 0;
    case 'between':
      return compare(actual, first) >= 0 && second !== undefined && compare(actual, second) <= 0;
    case 'contains':
      return String(actual).includes(String(first));
  }
}
