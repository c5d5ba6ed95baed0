import { Migration } from '@mikro-orm/migrations';

export class Migration20261206100000_webhook_replay extends Migration {

  override name = 'Migration20261206100000_webhook_replay';

  override up(): void | Promise<void> {
    this.addSql(`create table "rate_counter" ("key" varchar(200) not null, "window_start" timestamptz not null, "count" int not null default 0, primary key ("key", "window_start"));`);
    this.addSql(`create index "rate_counter_window_start_index" on "rate_counter" ("window_start");`);

    this.addSql(`create table "webhook_replay" ("signature" varchar(100) not null, "expires_at" timestamptz not null, primary key ("signature"));`);
    this.addSql(`create index "webhook_replay_expires_at_index" on "webhook_replay" ("expires_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "rate_counter" cascade;`);
    this.addSql(`drop table if exists "webhook_replay" cascade;`);
  }

}
