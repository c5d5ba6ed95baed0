import { Migration } from '@mikro-orm/migrations';

export class Migration20261206053929_delivery extends Migration {

  override name = 'Migration20261206053929_delivery';

  override up(): void | Promise<void> {
    this.addSql(`create table "outbound_message" ("id" bigserial primary key, "platform" varchar(20) not null, "lane" varchar(10) not null, "audience" jsonb not null, "message" jsonb null, "subject_type" varchar(40) null, "subject_id" int null, "footer" varchar(200) null, "card_id" varchar(128) null, "state" varchar(10) not null default 'pending', "attempts" int not null default 0, "last_error" text null, "not_before" timestamptz not null default now(), "claimed_until" timestamptz null, "created_at" timestamptz not null, "sent_at" timestamptz null);`);
    this.addSql(`create index "outbound_message_due_idx" on "outbound_message" ("lane", "not_before", "id") where "state" in ('pending', 'sending');`);
    this.addSql(`alter table "outbound_message" add constraint "outbound_message_card_id_unique" unique ("card_id");`);
    this.addSql(`create index "outbound_message_state_created_at_index" on "outbound_message" ("state", "created_at");`);

    this.addSql(`alter table "inbox_event" add "lane" varchar(10) not null default 'person', add "actor" varchar(100) null, add "next_attempt_at" timestamptz not null default now(), add "claimed_until" timestamptz null;`);
    this.addSql(`create index "inbox_event_due_idx" on "inbox_event" ("lane", "next_attempt_at", "id") where "processed_at" is null;`);

    // Workers on every instance are woken when work is committed (PostgreSQL delivers a
    // notification at commit; the embedded database's one process wakes its own workers).
    this.addSql(`create or replace function "inbox_event_inbox_event_work_fn"() returns trigger as \$\$ begin perform pg_notify('kelian_work', 'inbox_event'); return null; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "inbox_event_work" AFTER INSERT on "inbox_event" for each STATEMENT execute function "inbox_event_inbox_event_work_fn"();`);
    this.addSql(`create or replace function "outbound_message_outbound_message_work_fn"() returns trigger as \$\$ begin perform pg_notify('kelian_work', 'outbound_message'); return null; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "outbound_message_work" AFTER INSERT on "outbound_message" for each STATEMENT execute function "outbound_message_outbound_message_work_fn"();`);

    this.addSql(`create table "rate_key" ("key" varchar(200) not null, primary key ("key"));`);

    this.addSql(`create table "rate_slot" ("id" bigserial primary key, "key" varchar(200) not null, "at" timestamptz not null, "message_id" bigint not null);`);
    this.addSql(`create index "rate_slot_key_at_index" on "rate_slot" ("key", "at");`);
    this.addSql(`create index "rate_slot_message_id_index" on "rate_slot" ("message_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "inbox_event_work" on "inbox_event";`);
    this.addSql(`drop function if exists "inbox_event_inbox_event_work_fn"();`);
    this.addSql(`drop trigger if exists "outbound_message_work" on "outbound_message";`);
    this.addSql(`drop function if exists "outbound_message_outbound_message_work_fn"();`);
    this.addSql(`drop table if exists "outbound_message" cascade;`);
    this.addSql(`drop index if exists "inbox_event_due_idx";`);
    this.addSql(`alter table "inbox_event" drop column "lane", drop column "actor", drop column "next_attempt_at", drop column "claimed_until";`);
    this.addSql(`drop table if exists "rate_key" cascade;`);
    this.addSql(`drop table if exists "rate_slot" cascade;`);
  }

}
