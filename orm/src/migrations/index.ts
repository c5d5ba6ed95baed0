import { Migration20261123152303_foundation } from './Migration20261123152303_foundation.js';
import { Migration20261123153134_platforms } from './Migration20261123153134_platforms.js';
import { Migration20261123155608_sessions_cards_leads } from './Migration20261123155608_sessions_cards_leads.js';
import { Migration20261123155752_team_chats } from './Migration20261123155752_team_chats.js';
import { Migration20261123161822_audit_log } from './Migration20261123161822_audit_log.js';
import { Migration20261123164140_search_keys } from './Migration20261123164140_search_keys.js';
import { Migration20261205004724_sales_core } from './Migration20261205004724_sales_core.js';
import { Migration20261206053929_delivery } from './Migration20261206053929_delivery.js';
import { Migration20261206100000_webhook_replay } from './Migration20261206100000_webhook_replay.js';
import { Migration20261206120000_role_rights } from './Migration20261206120000_role_rights.js';
import { Migration20261206130000_inner_initials } from './Migration20261206130000_inner_initials.js';
import { Migration20261206140000_refresh_when_sent } from './Migration20261206140000_refresh_when_sent.js';
import { Migration20261206150000_going_live_checks } from './Migration20261206150000_going_live_checks.js';
import { Migration20261206153000_grid } from './Migration20261206153000_grid.js';
import { Migration20261206154000_user_merge } from './Migration20261206154000_user_merge.js';
import { Migration20261206170000_lead_grid } from './Migration20261206170000_lead_grid.js';
import { Migration20261206171000_deal_grid } from './Migration20261206171000_deal_grid.js';
import { Migration20261206183059_approvals } from './Migration20261206183059_approvals.js';
import { Migration20261206190000_list_indexes } from './Migration20261206190000_list_indexes.js';
import { Migration20261206210000_approval_cards } from './Migration20261206210000_approval_cards.js';
import { Migration20261206210100_quotes } from './Migration20261206210100_quotes.js';
import { Migration20261206210200_receivables } from './Migration20261206210200_receivables.js';
import { Migration20261206210300_contract_attachments } from './Migration20261206210300_contract_attachments.js';
import { Migration20261207010100_approval_reminders } from './Migration20261207010100_approval_reminders.js';
import { Migration20261207010200_approval_todos } from './Migration20261207010200_approval_todos.js';
import { Migration20261207010300_applications } from './Migration20261207010300_applications.js';
import { Migration20261207020000_deal_groups } from './Migration20261207020000_deal_groups.js';
import { Migration20261207100000_list_window_owner } from './Migration20261207100000_list_window_owner.js';
import { Migration20261207210000_work_notice_lane } from './Migration20261207210000_work_notice_lane.js';

// The static list of migrations, in order. `npm run migration:create` appends to it;
// a test fails when this list and the files in this folder differ.
export const migrationsList = [
  { name: 'Migration20261123152303_foundation', class: Migration20261123152303_foundation },
  { name: 'Migration20261123153134_platforms', class: Migration20261123153134_platforms },
  {
    name: 'Migration20261123155608_sessions_cards_leads',
    class: Migration20261123155608_sessions_cards_leads,
  },
  { name: 'Migration20261123155752_team_chats', class: Migration20261123155752_team_chats },
  { name: 'Migration20261123161822_audit_log', class: Migration20261123161822_audit_log },
  { name: 'Migration20261123164140_search_keys', class: Migration20261123164140_search_keys },
  { name: 'Migration20261205004724_sales_core', class: Migration20261205004724_sales_core },
  { name: 'Migration20261206053929_delivery', class: Migration20261206053929_delivery },
  { name: 'Migration20261206100000_webhook_replay', class: Migration20261206100000_webhook_replay },
  { name: 'Migration20261206120000_role_rights', class: Migration20261206120000_role_rights },
  { name: 'Migration20261206130000_inner_initials', class: Migration20261206130000_inner_initials },
  { name: 'Migration20261206140000_refresh_when_sent', class: Migration20261206140000_refresh_when_sent },
  { name: 'Migration20261206150000_going_live_checks', class: Migration20261206150000_going_live_checks },
  { name: 'Migration20261206153000_grid', class: Migration20261206153000_grid },
  { name: 'Migration20261206154000_user_merge', class: Migration20261206154000_user_merge },
  { name: 'Migration20261206170000_lead_grid', class: Migration20261206170000_lead_grid },
  { name: 'Migration20261206171000_deal_grid', class: Migration20261206171000_deal_grid },
  { name: 'Migration20261206183059_approvals', class: Migration20261206183059_approvals },
  { name: 'Migration20261206190000_list_indexes', class: Migration20261206190000_list_indexes },
  { name: 'Migration20261206210000_approval_cards', class: Migration20261206210000_approval_cards },
  { name: 'Migration20261206210100_quotes', class: Migration20261206210100_quotes },
  { name: 'Migration20261206210200_receivables', class: Migration20261206210200_receivables },
  {
    name: 'Migration20261206210300_contract_attachments',
    class: Migration20261206210300_contract_attachments,
  },
  { name: 'Migration20261207010100_approval_reminders', class: Migration20261207010100_approval_reminders },
  { name: 'Migration20261207010200_approval_todos', class: Migration20261207010200_approval_todos },
  { name: 'Migration20261207010300_applications', class: Migration20261207010300_applications },
  { name: 'Migration20261207020000_deal_groups', class: Migration20261207020000_deal_groups },
  { name: 'Migration20261207100000_list_window_owner', class: Migration20261207100000_list_window_owner },
  { name: 'Migration20261207210000_work_notice_lane', class: Migration20261207210000_work_notice_lane },
];
