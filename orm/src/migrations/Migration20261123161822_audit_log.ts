import { Migration } from '@mikro-orm/migrations';

export class Migration20261123161822_audit_log extends Migration {

  override name = 'Migration20261123161822_audit_log';

  override up(): void | Promise<void> {
    this.addSql(`create table "audit_log" ("id" bigserial primary key, "at" timestamptz not null, "actor_id" int null, "action" text not null, "object_type" varchar(40) not null, "object_id" varchar(64) not null, "changes" jsonb not null default '{}', "via" varchar(20) not null, "request_id" varchar(128) null);`);
    this.addSql(`create index "audit_log_object_type_object_id_index" on "audit_log" ("object_type", "object_id");`);
    this.addSql(`create index "audit_log_actor_id_at_index" on "audit_log" ("actor_id", "at");`);

    this.addSql(`alter table "audit_log" add constraint "audit_log_actor_id_foreign" foreign key ("actor_id") references "app_user" ("id") on delete set null;`);
    this.addSql(`alter table "audit_log" add constraint "audit_log_action_check" check ("action" in ('create', 'update', 'delete', 'restore', 'export', 'reveal', 'merge', 'login'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "audit_log" cascade;`);
  }

}
