import { Migration } from '@mikro-orm/migrations';

// Issue 14, reminders and escalation: each flow version says after how many hours a pending task
// is reminded (催办) and handed to the approver's manager (null: never); a reminder is on the run's
// timeline as `remind`.
export class Migration20261207010100_approval_reminders extends Migration {

  override name = 'Migration20261207010100_approval_reminders';

  override up(): void | Promise<void> {
    this.addSql(`alter table "approval_flow" add column "remind_after_hours" int not null default 24, add column "escalate_after_hours" int null default 48;`);
    this.addSql(`alter table "approval_action" drop constraint if exists "approval_action_action_check";`);
    this.addSql(`alter table "approval_action" add constraint "approval_action_action_check" check ("action" in ('submit', 'approve', 'reject', 'withdraw', 'transfer', 'auto_pass', 'cc', 'remind'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`delete from "approval_action" where "action" = 'remind';`);
    this.addSql(`alter table "approval_action" drop constraint if exists "approval_action_action_check";`);
    this.addSql(`alter table "approval_action" add constraint "approval_action_action_check" check ("action" in ('submit', 'approve', 'reject', 'withdraw', 'transfer', 'auto_pass', 'cc'));`);
    this.addSql(`alter table "approval_flow" drop column "remind_after_hours", drop column "escalate_after_hours";`);
  }

}
