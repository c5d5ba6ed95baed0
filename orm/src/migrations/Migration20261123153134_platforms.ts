import { Migration } from '@mikro-orm/migrations';

export class Migration20261123153134_platforms extends Migration {

  override name = 'Migration20261123153134_platforms';

  override up(): void | Promise<void> {
    this.addSql(`create table "inbox_event" ("id" serial primary key, "platform" varchar(20) not null, "dedupe_key" varchar(200) not null, "kind" varchar(40) not null, "event" jsonb not null, "received_at" timestamptz not null, "processed_at" timestamptz null, "attempts" int not null default 0, "last_error" text null);`);
    this.addSql(`create index "inbox_event_received_at_index" on "inbox_event" ("received_at");`);
    this.addSql(`alter table "inbox_event" add constraint "inbox_event_platform_dedupe_key_unique" unique ("platform", "dedupe_key");`);

    this.addSql(`create table "platform_token" ("key" varchar(200) not null, "value" text not null, "expires_at" timestamptz not null, "refreshing_until" timestamptz null, "updated_at" timestamptz not null, primary key ("key"));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "inbox_event" cascade;`);
    this.addSql(`drop table if exists "platform_token" cascade;`);
  }

}
