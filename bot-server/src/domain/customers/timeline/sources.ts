import { approvalsSource } from './approvals.js';
import { contractAttachmentsSource } from './contract-attachments.js';
import { contractsSource } from './contracts.js';
import { followUpSource } from './follow-ups.js';
import { leadsConvertedSource } from './leads-converted.js';
import { mergedCustomersSource } from './merged-customers.js';
import { opportunitiesClosedSource } from './opportunities-closed.js';
import { opportunitiesOpenedSource } from './opportunities-opened.js';
import { instalmentsSource, receiptsSource } from './receivables.js';
import { recordChangesSource } from './record-changes.js';
import type { TimelineSource } from './source.js';
import { stageChangesSource } from './stage-changes.js';
import { tasksDoneSource } from './tasks-done.js';

/** Every source of a customer's timeline; orders, tickets and approvals add theirs here. */
export const timelineSources: readonly TimelineSource[] = [
  followUpSource,
  recordChangesSource,
  opportunitiesOpenedSource,
  stageChangesSource,
  opportunitiesClosedSource,
  tasksDoneSource,
  leadsConvertedSource,
  mergedCustomersSource,
  contractsSource,
  contractAttachmentsSource,
  approvalsSource,
  instalmentsSource,
  receiptsSource,
];
