import { Migration } from '@mikro-orm/migrations';

// The desktop grid: each person's saved views of a list, and the indexes its keyset orders read
// (live customers by updated_at, created_at or name, alone or within one owner or one level).
const gridOrders = [['updated_at'], ['created_at'], ['name'], ['owner_id', 'updated_at'], ['level', 'updated_at']];

export class Migration20261206153000_grid extends Migration {

  override name = 'Migration20261206153000_grid';

  override up(): void | Promise<void> {
    this.addSql(`create table "saved_view" ("id" serial primary key, "user_id" int not null, "object" text check ("object" in ('customers')) not null, "name" varchar(50) not null, "columns" jsonb not null, "sort" varchar(80) not null, "filters" jsonb not null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`);
    this.addSql(`alter table "saved_view" add constraint "saved_view_user_id_object_name_unique" unique ("user_id", "object", "name");`);
    this.addSql(`alter table "saved_view" add constraint "saved_view_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete cascade;`);
    for (const columns of gridOrders) {
      const name = `customer_grid_${columns.join('_')}_idx`;
      const list = [...columns, 'id'].map((c) => `"${c}"`).join(', ');
      this.addSql(`create index "${name}" on "customer" (${list}) where "deleted_at" is null;`);
    }
  }

  override down(): void | Promise<void> {
    for (const columns of gridOrders) this.addSql(`drop index "customer_grid_${columns.join('_')}_idx";`);
    this.addSql(`drop table if exists "saved_view" cascade;`);
  }

}
