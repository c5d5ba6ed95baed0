import type { CustomerKind, FollowUpKind } from '@kelian/orm';

// What the domain's customer commands take: already shaped and format-checked by the caller (the
// API's schemas, later the bot's parser and the importer); the domain checks what needs the data.

export type CustomFieldValue = string | number | boolean | string[];

export interface NewContact {
  name: string;
  mobile?: string | null;
  phone?: string | null;
  email?: string | null;
  title?: string | null;
  wechat?: string | null;
  primary?: boolean;
}

export interface CustomerFields {
  kind: CustomerKind;
  name: string;
  creditCode?: string | null;
  industry?: string | null;
  level?: string | null;
  region?: string | null;
  city?: string | null;
  address?: string | null;
  phone?: string | null;
  source?: string | null;
  tagIds?: number[];
}

export interface NewCustomer extends CustomerFields {
  customFields?: Record<string, CustomFieldValue>;
  contacts?: NewContact[];
  /** Create even when it looks like an existing customer. */
  force?: boolean;
}

/** Only the fields present change; in `customFields` a null removes the key. */
export interface CustomerPatch extends Partial<CustomerFields> {
  customFields?: Record<string, CustomFieldValue | null>;
}

export interface NewFollowUp {
  kind: FollowUpKind;
  content: string;
  nextStep?: string | null;
  nextAt?: Date | null;
  /** When it happened; now when not said. */
  occurredAt?: Date;
  contactId?: number | null;
}

/** Input keys → the field the field rules name. */
export const ruledFieldOf = (key: string): string => (key === 'tagIds' ? 'tags' : key);
