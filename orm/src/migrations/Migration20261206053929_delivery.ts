import { Migration } from '@mikro-orm/migrations';

export class Migration20261206053929_delivery extends Migration {

  override name = 'Migration20261206053929_delivery';

  override up(): void | Promise<void> {
    this.addSql(`create table "outbound_message" ("id" bigserial primary key, "platform" varchar(20) not null, "lane" varchar(10) not null, "audience" jsonb not null, "message" jsonb null, "subject_type" varchar(40) null, "subject_id" int null, "footer" varchar(200) null, "card_id" varchar(128) null, "state" varchar(10) not null default 'pending', "turn" int not null default 0, "attempts" int not null default 0, "last_error" text null, "created_at" timestamptz not null, "sent_at" timestamptz null);`);
    this.addSql(`alter table "outbound_message" add constraint "outbound_message_card_id_unique" unique ("card_id");`);
    this.addSql(`create index "outbound_message_state_created_at_index" on "outbound_message" ("state", "created_at");`);

    this.addSql(`create table "rate_key" ("key" varchar(200) not null, primary key ("key"));`);

    this.addSql(`create table "rate_slot" ("id" bigserial primary key, "key" varchar(200) not null, "at" timestamptz not null, "message_id" bigint not null);`);
    this.addSql(`create index "rate_slot_key_at_index" on "rate_slot" ("key", "at");`);
    this.addSql(`create index "rate_slot_message_id_index" on "rate_slot" ("message_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "outbound_message" cascade;`);
    this.addSql(`drop table if exists "rate_key" cascade;`);
    this.addSql(`drop table if exists "rate_slot" cascade;`);
  }

}
