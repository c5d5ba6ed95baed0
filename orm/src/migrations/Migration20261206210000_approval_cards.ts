import { Migration } from '@mikro-orm/migrations';

// Issue 14, approvals in the chat: a forged or tampered card action (someone else's card, a key
// that does not match the card it came from) is recorded in the audit log as a `forgery`.
export class Migration20261206210000_approval_cards extends Migration {

  override name = 'Migration20261206210000_approval_cards';

  override up(): void | Promise<void> {
    this.addSql(`alter table "audit_log" drop constraint if exists "audit_log_action_check";`);
    this.addSql(`alter table "audit_log" add constraint "audit_log_action_check" check ("action" in ('create', 'update', 'delete', 'restore', 'export', 'reveal', 'merge', 'login', 'forgery'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`delete from "audit_log" where "action" = 'forgery';`);
    this.addSql(`alter table "audit_log" drop constraint if exists "audit_log_action_check";`);
    this.addSql(`alter table "audit_log" add constraint "audit_log_action_check" check ("action" in ('create', 'update', 'delete', 'restore', 'export', 'reveal', 'merge', 'login'));`);
  }

}
