import { Migration } from '@mikro-orm/migrations';

export class Migration20261123155608_sessions_cards_leads extends Migration {

  override name = 'Migration20261123155608_sessions_cards_leads';

  override up(): void | Promise<void> {
    this.addSql(`create table "card_instance" ("id" serial primary key, "card_id" varchar(128) not null, "platform" varchar(20) not null, "kind" varchar(40) not null, "object_type" varchar(40) not null, "object_id" varchar(64) not null, "ref" jsonb not null, "card" jsonb not null, "version" int not null default 1, "replaced_by" varchar(128) null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`);
    this.addSql(`alter table "card_instance" add constraint "card_instance_card_id_unique" unique ("card_id");`);
    this.addSql(`create index "card_instance_object_type_object_id_index" on "card_instance" ("object_type", "object_id");`);

    this.addSql(`create table "session" ("token_hash" varchar(64) not null, "user_id" int not null, "via" varchar(20) not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "last_seen_at" timestamptz not null, primary key ("token_hash"));`);
    this.addSql(`create index "session_expires_at_index" on "session" ("expires_at");`);

    this.addSql(`create table "lead" ("id" serial primary key, "company" varchar(200) not null, "contact_name" varchar(100) null, "mobile" varchar(32) null, "region" varchar(50) null, "source" varchar(50) null, "industry" varchar(50) null, "note" text null, "status" text not null default 'new', "team_id" int null, "owner_id" int null, "claimed_at" timestamptz null, "invalid_reason" varchar(200) null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`);
    this.addSql(`create index "lead_mobile_index" on "lead" ("mobile");`);
    this.addSql(`create index "lead_status_team_id_index" on "lead" ("status", "team_id");`);

    this.addSql(`alter table "session" add constraint "session_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete cascade;`);

    this.addSql(`alter table "lead" add constraint "lead_team_id_foreign" foreign key ("team_id") references "department" ("id") on delete set null;`);
    this.addSql(`alter table "lead" add constraint "lead_owner_id_foreign" foreign key ("owner_id") references "app_user" ("id") on delete set null;`);
    this.addSql(`alter table "lead" add constraint "lead_status_check" check ("status" in ('new', 'claimed', 'invalid', 'converted'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "card_instance" cascade;`);
    this.addSql(`drop table if exists "session" cascade;`);
    this.addSql(`drop table if exists "lead" cascade;`);
  }

}
