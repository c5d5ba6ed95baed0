import type { RuleObject } from '@kelian/orm';

// What a follow-up rule can be about, as SQL over the object's table (aliased `o`). The engine
// reads each object's anchor (an instant for events and inactivity, a `YYYY-MM-DD` text for date
// fields) and fires once the anchor plus the rule's days has passed. Contracts and receivables are
// not modelled yet: their dates live in custom date fields (`customFields.合同到期日`).

export interface ObjectKind {
  table: string;
  /** The objects rules apply to: live ones (not in the recycle bin, not closed). */
  live: string;
  /** Event name → its label and the instant it happened (null: not happened). */
  events: Record<string, { label: string; at: string }>;
  /** Date column name (as the API spells it) → its value as `YYYY-MM-DD` text. */
  dates: Record<string, { label: string; value: string }>;
  /** The last time someone worked on the object: the inactivity clock. */
  lastActivity: string;
}

export const objectKinds: Record<RuleObject, ObjectKind> = {
  customer: {
    table: 'customer',
    live: 'o.deleted_at is null',
    events: {
      created: { label: '客户创建', at: 'o.created_at' },
      first_follow_up: {
        label: '首次跟进',
        at: '(select min(f.occurred_at) from follow_up f where f.customer_id = o.id)',
      },
    },
    dates: {},
    lastActivity: 'coalesce(o.last_follow_up_at, o.created_at)',
  },
  lead: {
    table: 'lead',
    live: `o.status in ('new', 'claimed')`,
    events: {
      created: { label: '线索创建', at: 'o.created_at' },
      claimed: { label: '线索认领', at: 'o.claimed_at' },
    },
    dates: {},
    lastActivity: 'o.last_activity_at',
  },
  opportunity: {
    table: 'opportunity',
    live: 'o.deleted_at is null',
    events: {
      created: { label: '商机创建', at: 'o.created_at' },
      won: { label: '商机赢单', at: `case when o.status = 'won' then o.closed_at end` },
    },
    dates: {
      expectedCloseDate: { label: '预计成交日期', value: `to_char(o.expected_close_date, 'YYYY-MM-DD')` },
    },
    lastActivity: `case when o.status = 'open' then o.stage_changed_at end`,
  },
};

/** `customFields.<key>`: the key of a custom date field, else undefined. */
export const customFieldKey = (field: string): string | undefined =>
  /^customFields\.([\w\u4e00-\u9fff-]{1,50})$/u.exec(field)?.[1];

/** The SQL text of a date field's `YYYY-MM-DD` value; `?` is bound to the custom field's key. */
export function dateValueSql(object: RuleObject, field: string): { sql: string; params: string[] } {
  const key = customFieldKey(field);
  if (key) return { sql: `(o.custom_fields ->> ?)`, params: [key] };
  const column = objectKinds[object].dates[field];
  if (!column) throw new Error(`Unknown date field ${object}.${field}`);
  return { sql: column.value, params: [] };
}
