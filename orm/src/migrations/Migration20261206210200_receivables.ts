import { Migration } from '@mikro-orm/migrations';

// Receivable plans, receipts and refunds (issue 14). The built-in roles gain `receivable` as
// reference/roles.ts gives it to a new database: finance reads and records, managers and the admin
// read and export (the admin records too), reps read their customers' plans.
const granted: Record<string, string[]> = {
  admin: ['read', 'edit', 'export'],
  manager: ['read', 'export'],
  sales: ['read'],
  finance: ['read', 'edit', 'export'],
};

export class Migration20261206210200_receivables extends Migration {

  override name = 'Migration20261206210200_receivables';

  override up(): void | Promise<void> {
    this.addSql(`create table "receivable_instalment" ("id" serial primary key, "contract_id" int not null, "customer_id" int not null, "seq" int not null, "due_date" date not null, "amount_cents" bigint not null, "received_cents" bigint not null default '0', "state" text not null default 'open', "deferrals" int not null default 0, "created_at" timestamptz not null, "updated_at" timestamptz not null);`);
    this.addSql(`create index "receivable_instalment_contract_id_seq_index" on "receivable_instalment" ("contract_id", "seq");`);
    this.addSql(`create index "receivable_instalment_customer_id_due_date_index" on "receivable_instalment" ("customer_id", "due_date");`);
    this.addSql(`create index "receivable_instalment_state_due_date_index" on "receivable_instalment" ("state", "due_date");`);

    this.addSql(`create table "receivable_receipt" ("id" serial primary key, "instalment_id" int not null, "customer_id" int not null, "amount_cents" bigint not null, "received_on" date not null, "method" text not null, "note" varchar(500) null, "overpayment" boolean not null default false, "recorded_by_id" int null, "created_at" timestamptz not null);`);
    this.addSql(`create index "receivable_receipt_instalment_id_id_index" on "receivable_receipt" ("instalment_id", "id");`);
    this.addSql(`create index "receivable_receipt_customer_id_id_index" on "receivable_receipt" ("customer_id", "id");`);

    this.addSql(`alter table "receivable_instalment" add constraint "receivable_instalment_contract_id_foreign" foreign key ("contract_id") references "contract" ("id") on delete cascade;`);
    this.addSql(`alter table "receivable_instalment" add constraint "receivable_instalment_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on delete cascade;`);
    this.addSql(`alter table "receivable_instalment" add constraint "receivable_instalment_state_check" check ("state" in ('open', 'cancelled'));`);

    this.addSql(`alter table "receivable_receipt" add constraint "receivable_receipt_instalment_id_foreign" foreign key ("instalment_id") references "receivable_instalment" ("id") on delete cascade;`);
    this.addSql(`alter table "receivable_receipt" add constraint "receivable_receipt_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on delete cascade;`);
    this.addSql(`alter table "receivable_receipt" add constraint "receivable_receipt_recorded_by_id_foreign" foreign key ("recorded_by_id") references "app_user" ("id") on delete set null;`);
    this.addSql(`alter table "receivable_receipt" add constraint "receivable_receipt_method_check" check ("method" in ('bank', 'cash', 'acceptance', 'online', 'other'));`);

    this.addSql(`create table "refund" ("id" serial primary key, "contract_id" int not null, "customer_id" int not null, "amount_cents" bigint not null, "reason" varchar(500) not null, "refund_date" date not null, "status" text not null default 'draft', "requested_by_id" int null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`);
    this.addSql(`create index "refund_contract_id_id_index" on "refund" ("contract_id", "id");`);
    this.addSql(`create index "refund_customer_id_id_index" on "refund" ("customer_id", "id");`);
    this.addSql(`alter table "refund" add constraint "refund_contract_id_foreign" foreign key ("contract_id") references "contract" ("id") on delete cascade;`);
    this.addSql(`alter table "refund" add constraint "refund_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on delete cascade;`);
    this.addSql(`alter table "refund" add constraint "refund_requested_by_id_foreign" foreign key ("requested_by_id") references "app_user" ("id") on delete set null;`);
    this.addSql(`alter table "refund" add constraint "refund_status_check" check ("status" in ('draft', 'pending', 'approved', 'rejected', 'withdrawn'));`);

    for (const [code, verbs] of Object.entries(granted))
      this.addSql(`update "role" set "rights" = "rights" || '${JSON.stringify({ receivable: verbs })}'::jsonb where "code" = '${code}';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`update "role" set "rights" = "rights" - 'receivable';`);
    this.addSql(`alter table "receivable_receipt" drop constraint "receivable_receipt_instalment_id_foreign";`);

    this.addSql(`drop table if exists "receivable_instalment" cascade;`);
    this.addSql(`drop table if exists "receivable_receipt" cascade;`);
    this.addSql(`drop table if exists "refund" cascade;`);
  }

}
