import { Migration } from '@mikro-orm/migrations';

// Issue 14's documents: the product catalogue, quotes and their lines, and contract lines (a
// contract made from a quote carries its lines and points back at the quote). The table checks
// repeat the domain's rules, so no other door writes a floor above the list price.

export class Migration20261206210100_quotes extends Migration {

  override name = 'Migration20261206210100_quotes';

  override up(): void | Promise<void> {
    this.addSql(`create table "product" ("id" serial primary key, "sku" varchar(64) not null, "name" varchar(200) not null, "specification" varchar(200) not null default '', "unit" varchar(20) not null, "list_price_cents" bigint not null, "floor_price_cents" bigint not null, "category" varchar(50) not null default '', "active" boolean not null default true, "created_at" timestamptz not null, "updated_at" timestamptz not null);`);
    this.addSql(`alter table "product" add constraint "product_sku_unique" unique ("sku");`);
    this.addSql(`alter table "product" add constraint "product_prices_check" check ("floor_price_cents" >= 0 and "floor_price_cents" <= "list_price_cents");`);

    this.addSql(`create table "quote" ("id" serial primary key, "customer_id" int not null, "opportunity_id" int null, "owner_id" int null, "title" varchar(200) not null, "valid_until" date not null, "status" text not null default 'draft', "list_total_cents" bigint not null, "total_cents" bigint not null, "deleted_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`);
    this.addSql(`create index "quote_customer_id_id_index" on "quote" ("customer_id", "id");`);
    this.addSql(`create index "quote_owner_id_id_index" on "quote" ("owner_id", "id");`);

    this.addSql(`create table "quote_line" ("id" serial primary key, "quote_id" int not null, "position" int not null, "product_id" int not null, "quantity" int not null, "unit_price_cents" bigint not null, "discount_bp" int not null, "amount_cents" bigint not null, "list_price_cents" bigint not null, "floor_price_cents" bigint not null);`);
    this.addSql(`create index "quote_line_quote_id_position_index" on "quote_line" ("quote_id", "position");`);
    this.addSql(`create index "quote_line_product_id_index" on "quote_line" ("product_id");`);
    this.addSql(`alter table "quote_line" add constraint "quote_line_figures_check" check ("quantity" > 0 and "unit_price_cents" >= 0 and "discount_bp" >= 0 and "discount_bp" <= 10000);`);

    this.addSql(`create table "contract_line" ("id" serial primary key, "contract_id" int not null, "position" int not null, "product_id" int not null, "product_name" varchar(200) not null, "quantity" int not null, "unit_price_cents" bigint not null, "discount_bp" int not null, "amount_cents" bigint not null);`);
    this.addSql(`create index "contract_line_contract_id_position_index" on "contract_line" ("contract_id", "position");`);
    this.addSql(`create index "contract_line_product_id_index" on "contract_line" ("product_id");`);

    this.addSql(`alter table "contract" add "quote_id" int null;`);
    this.addSql(`alter table "contract" add constraint "contract_quote_id_unique" unique ("quote_id");`);

    this.addSql(`alter table "quote" add constraint "quote_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on delete cascade;`);
    this.addSql(`alter table "quote" add constraint "quote_opportunity_id_foreign" foreign key ("opportunity_id") references "opportunity" ("id") on delete set null;`);
    this.addSql(`alter table "quote" add constraint "quote_owner_id_foreign" foreign key ("owner_id") references "app_user" ("id") on delete set null;`);
    this.addSql(`alter table "quote" add constraint "quote_status_check" check ("status" in ('draft', 'pending', 'approved', 'rejected', 'converted', 'expired'));`);

    this.addSql(`alter table "quote_line" add constraint "quote_line_quote_id_foreign" foreign key ("quote_id") references "quote" ("id") on delete cascade;`);
    this.addSql(`alter table "quote_line" add constraint "quote_line_product_id_foreign" foreign key ("product_id") references "product" ("id");`);

    this.addSql(`alter table "contract_line" add constraint "contract_line_contract_id_foreign" foreign key ("contract_id") references "contract" ("id") on delete cascade;`);
    this.addSql(`alter table "contract_line" add constraint "contract_line_product_id_foreign" foreign key ("product_id") references "product" ("id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "quote_line" drop constraint "quote_line_product_id_foreign";`);
    this.addSql(`alter table "contract_line" drop constraint "contract_line_product_id_foreign";`);
    this.addSql(`alter table "quote_line" drop constraint "quote_line_quote_id_foreign";`);

    this.addSql(`drop table if exists "product" cascade;`);
    this.addSql(`drop table if exists "quote" cascade;`);
    this.addSql(`drop table if exists "quote_line" cascade;`);
    this.addSql(`drop table if exists "contract_line" cascade;`);

    this.addSql(`alter table "contract" drop constraint "contract_quote_id_unique";`);
    this.addSql(`alter table "contract" drop column "quote_id";`);
  }

}
