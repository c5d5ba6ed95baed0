import type { EntitySchema } from '@mikro-orm/core';
import { ApplicationSchema, ApplicationTypeSchema } from './application.js';
import {
  ApprovalActionSchema,
  ApprovalFlowSchema,
  ApprovalInstanceSchema,
  ApprovalTaskSchema,
} from './approval.js';
import { ApprovalTodoSchema } from './approval-todo.js';
import { AssignmentRuleSchema } from './assignment-rule.js';
import { AuditLogSchema } from './audit-log.js';
import { CardInstanceSchema } from './card-instance.js';
import { ContactSchema } from './contact.js';
import { ContractSchema } from './contract.js';
import { ContractAttachmentChunkSchema, ContractAttachmentSchema } from './contract-attachment.js';
import { ContractLineSchema } from './contract-line.js';
import { CustomFieldDefinitionSchema } from './custom-field.js';
import { CustomerCollaboratorSchema, CustomerSchema, CustomerTagSchema } from './customer.js';
import { DepartmentSchema } from './department.js';
import { FollowUpSchema } from './follow-up.js';
import { FiringSchema, FollowUpRuleSchema } from './follow-up-rule.js';
import { InboxEventSchema } from './inbox-event.js';
import { LeadSchema } from './lead.js';
import { OpportunitySchema, PipelineStageSchema, StageChangeSchema } from './opportunity.js';
import { OrgSyncRunSchema } from './org-sync-run.js';
import { OutboundMessageSchema, RateKeySchema, RateSlotSchema } from './outbound-message.js';
import { PlatformSignalSchema } from './platform-signal.js';
import { PlatformTokenSchema } from './platform-token.js';
import { ProductSchema } from './product.js';
import { QuoteLineSchema, QuoteSchema } from './quote.js';
import { RateCounterSchema } from './rate-counter.js';
import { ReceivableInstalmentSchema, ReceivableReceiptSchema, RefundSchema } from './receivable.js';
import { RoleAssignmentSchema, RoleSchema } from './role.js';
import { RunSlotSchema } from './run-slot.js';
import { SalesTargetSchema } from './sales-target.js';
import { SavedViewSchema } from './saved-view.js';
import { SessionSchema } from './session.js';
import { TagGroupSchema, TagSchema } from './tag.js';
import { TaskSchema } from './task.js';
import { UserSchema } from './user.js';
import { WebhookReplaySchema } from './webhook-replay.js';

export * from './application.js';
export * from './approval.js';
export * from './approval-todo.js';
export * from './assignment-rule.js';
export * from './audit-log.js';
export * from './card-instance.js';
export * from './contact.js';
export * from './contract.js';
export * from './contract-attachment.js';
export * from './contract-line.js';
export * from './custom-field.js';
export * from './customer.js';
export * from './department.js';
export * from './follow-up.js';
export * from './follow-up-rule.js';
export * from './inbox-event.js';
export * from './lead.js';
export * from './opportunity.js';
export * from './org-sync-run.js';
export * from './outbound-message.js';
export * from './platform-signal.js';
export * from './platform-token.js';
export * from './product.js';
export * from './quote.js';
export * from './rate-counter.js';
export * from './receivable.js';
export * from './role.js';
export * from './run-slot.js';
export * from './sales-target.js';
export * from './saved-view.js';
export * from './session.js';
export * from './tag.js';
export * from './task.js';
export * from './user.js';
export * from './webhook-replay.js';

/** Every entity the ORM knows; the migration generator diffs against exactly this list. */
// Annotated: the inferred tuple of every schema is too large for the compiler to write out.
export const entities: EntitySchema[] = [
  DepartmentSchema,
  UserSchema,
  RoleSchema,
  RoleAssignmentSchema,
  TagGroupSchema,
  TagSchema,
  CustomerSchema,
  CustomerCollaboratorSchema,
  CustomerTagSchema,
  ContactSchema,
  FollowUpSchema,
  RunSlotSchema,
  PlatformTokenSchema,
  InboxEventSchema,
  SessionSchema,
  CardInstanceSchema,
  LeadSchema,
  AuditLogSchema,
  AssignmentRuleSchema,
  CustomFieldDefinitionSchema,
  PipelineStageSchema,
  OpportunitySchema,
  StageChangeSchema,
  SalesTargetSchema,
  FollowUpRuleSchema,
  FiringSchema,
  TaskSchema,
  WebhookReplaySchema,
  RateCounterSchema,
  OutboundMessageSchema,
  RateKeySchema,
  RateSlotSchema,
  OrgSyncRunSchema,
  PlatformSignalSchema,
  SavedViewSchema,
  ContractSchema,
  ApprovalFlowSchema,
  ApprovalInstanceSchema,
  ApprovalTaskSchema,
  ApprovalActionSchema,
  ProductSchema,
  QuoteSchema,
  QuoteLineSchema,
  ContractLineSchema,
  ContractAttachmentSchema,
  ContractAttachmentChunkSchema,
  ApprovalTodoSchema,
  ReceivableInstalmentSchema,
  ReceivableReceiptSchema,
  RefundSchema,
  ApplicationTypeSchema,
  ApplicationSchema,
];
