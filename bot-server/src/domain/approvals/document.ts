import type { FieldAction } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import type { Auditor } from '../audit/audit.js';

// What a document type (a contract, later a quote, a refund, a purchase request) gives the
// approval engine. The engine knows no document: it asks the type for the values a flow routes on,
// and tells it the outcome in the transaction that decided it (the contract becomes 已生效).

export type FieldKind = 'number' | 'text' | 'date' | 'user';

export type ApprovalOutcome = 'approved' | 'rejected' | 'withdrawn';

export interface Submission {
  /** The fields conditions and user-field approvers read (amountCents, ownerId …). */
  values: Record<string, unknown>;
  /** One line naming the document in lists and messages. */
  title: string;
  /** The customer it is about, if any: the run then shows on the customer's timeline. */
  customerId: number | null;
  /** The deal it is about, if any: the deal's group (关联商机) then gets a copy of the card. */
  opportunityId: number | null;
}

/** One row of the figures an approver decides on: 合同金额 ¥600,000.00. */
export interface KeyFigure {
  label: string;
  value: string;
}

/** What the approval card shows of a document: its headline, its one big figure, its key rows. */
export interface DocumentFigures {
  /** 合同审批 · 北京星河智能科技 */
  title: string;
  emphasis?: KeyFigure;
  /** In the order they matter; the card keeps the first five. */
  rows: KeyFigure[];
}

export interface ApprovableDocument {
  /** As people read it: 合同. */
  label: string;
  /** The fields a flow may branch on or take approvers from, with their labels. */
  fields: Readonly<Record<string, { label: string; kind: FieldKind }>>;
  /**
   * Locks the document, checks the acting user may submit it in its present state (refusing
   * otherwise) and marks it as under approval.
   */
  submit(tx: EntityManager, acting: Acting, id: number): Promise<Submission>;
  /**
   * The figures an approval card shows, from the run's snapshot (what was submitted) and, where it
   * adds to the decision, the present (the customer's overdue receivables): each type supplies its
   * own rows, the card knows none of them.
   */
  figures(tx: EntityManager, snapshot: Readonly<Record<string, unknown>>): Promise<DocumentFigures>;
  /**
   * Applies the run's outcome to the document, in the deciding transaction, audited as `auditor`'s;
   * what else it changes that people have cards about is told to `notices`.
   */
  settle(
    tx: EntityManager,
    id: number,
    outcome: ApprovalOutcome,
    auditor: Auditor,
    notices: SettleNotices,
  ): Promise<void>;
  /**
   * The fields a flow's post-approval actions may set (Cordys' 审批后操作), each with the kind a
   * `from` field must have and the values it accepts; a type without them takes no actions.
   */
  settable?: Readonly<Record<string, SettableField>>;
  /** Carries out post-approval actions (checked when the flow was saved), in the deciding transaction. */
  act?(tx: EntityManager, id: number, actions: readonly FieldAction[], auditor: Auditor): Promise<void>;
}

/** What a settled document tells of the other things it changed (ApprovalNotices gives it). */
export interface SettleNotices {
  /** A deal the outcome moved (an approved 阶段审批): its stalled-deal card shows that it moved on. */
  dealMoved(tx: EntityManager, dealId: number): Promise<void>;
}

export interface SettableField {
  label: string;
  kind: FieldKind;
  accepts(value: unknown): boolean;
}

/**
 * A figure about the document's customer that an approver weighs, whatever the document (the
 * customer's overdue receivables): null when there is nothing to show. `today` is the company's day.
 */
export type CustomerEvidence = (
  em: EntityManager,
  customerId: number,
  today: string,
) => Promise<{ label: string; value: string } | null>;
