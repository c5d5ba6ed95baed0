import { Migration } from '@mikro-orm/migrations';

export class Migration20261206150000_going_live_checks extends Migration {

  override name = 'Migration20261206150000_going_live_checks';

  override up(): void | Promise<void> {
    this.addSql(`create table "org_sync_run" ("id" serial primary key, "platform" varchar(20) not null, "requested_by_id" int null, "requested_at" timestamptz not null, "started_at" timestamptz null, "finished_at" timestamptz null, "outcome" text check ("outcome" in ('queued', 'running', 'succeeded', 'failed')) not null, "report" jsonb null, "error" text null);`);
    this.addSql(`create index "org_sync_run_platform_requested_at_index" on "org_sync_run" ("platform", "requested_at");`);
    this.addSql(`alter table "org_sync_run" add constraint "org_sync_run_requested_by_id_foreign" foreign key ("requested_by_id") references "app_user" ("id") on delete set null;`);

    this.addSql(`create table "platform_signal" ("key" varchar(60) not null, "at" timestamptz not null, primary key ("key"));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "org_sync_run" cascade;`);
    this.addSql(`drop table if exists "platform_signal" cascade;`);
  }

}
