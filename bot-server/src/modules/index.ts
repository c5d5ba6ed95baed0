// The registry: every business module, in one list. Boot, the API (routes and OpenAPI), the bot and
// the card delivery loop over it, so adding a module is adding its folders and one line here.
import { applicationsModule } from '../bot/applications/module.js';
import { approvalsModule } from '../bot/approvals/module.js';
import { auditModule } from '../bot/audit/module.js';
import { customersModule } from '../bot/customers/module.js';
import { followUpsModule } from '../bot/followups/module.js';
import { goLiveModule } from '../bot/golive/module.js';
import { leadsModule } from '../bot/leads/module.js';
import { orgModule } from '../bot/org/module.js';
import { productsModule } from '../bot/products/module.js';
import { quotesModule } from '../bot/quotes/module.js';
import { receivablesModule } from '../bot/receivables/module.js';
import { rolesModule } from '../bot/roles/module.js';
import { salesModule } from '../bot/sales/module.js';
import type { KelianModule } from './contract.js';

export const modules: readonly KelianModule[] = [
  orgModule,
  rolesModule,
  customersModule,
  leadsModule,
  salesModule,
  followUpsModule,
  approvalsModule,
  applicationsModule,
  productsModule,
  quotesModule,
  receivablesModule,
  auditModule,
  goLiveModule,
];
