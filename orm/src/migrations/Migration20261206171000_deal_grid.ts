import { Migration } from '@mikro-orm/migrations';

// The deals grid: its views are saved like the customers grid's, and the keyset orders it reads
// most (live deals by updated_at, created_at, name or amount, alone or within one owner or stage)
// start off an index.
const gridOrders = [
  ['updated_at'],
  ['created_at'],
  ['name'],
  ['amount_cents'],
  ['owner_id', 'updated_at'],
  ['stage_id', 'updated_at'],
];

export class Migration20261206171000_deal_grid extends Migration {

  override name = 'Migration20261206171000_deal_grid';

  override up(): void | Promise<void> {
    this.addSql(`alter table "saved_view" drop constraint if exists "saved_view_object_check";`);
    this.addSql(`alter table "saved_view" add constraint "saved_view_object_check" check ("object" in ('customers', 'leads', 'deals'));`);
    for (const columns of gridOrders) {
      const name = `opportunity_grid_${columns.join('_')}_idx`;
      const list = [...columns, 'id'].map((c) => `"${c}"`).join(', ');
      this.addSql(`create index "${name}" on "opportunity" (${list}) where "deleted_at" is null;`);
    }
  }

  override down(): void | Promise<void> {
    for (const columns of gridOrders) this.addSql(`drop index "opportunity_grid_${columns.join('_')}_idx";`);
    this.addSql(`delete from "saved_view" where "object" = 'deals';`);
    this.addSql(`alter table "saved_view" drop constraint if exists "saved_view_object_check";`);
    this.addSql(`alter table "saved_view" add constraint "saved_view_object_check" check ("object" in ('customers', 'leads'));`);
  }

}
