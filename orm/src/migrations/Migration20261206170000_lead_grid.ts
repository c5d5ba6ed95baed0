import { Migration } from '@mikro-orm/migrations';

// The leads grid: saved views of leads, and the indexes its keyset orders read (leads by updated_at,
// created_at or company, alone or within one status or one owner).
const gridOrders = [['updated_at'], ['created_at'], ['company'], ['status', 'updated_at'], ['owner_id', 'updated_at']];

export class Migration20261206170000_lead_grid extends Migration {

  override name = 'Migration20261206170000_lead_grid';

  override up(): void | Promise<void> {
    this.addSql(`alter table "saved_view" drop constraint if exists "saved_view_object_check";`);
    this.addSql(`alter table "saved_view" add constraint "saved_view_object_check" check ("object" in ('customers', 'leads'));`);
    for (const columns of gridOrders) {
      const name = `lead_grid_${columns.join('_')}_idx`;
      const list = [...columns, 'id'].map((c) => `"${c}"`).join(', ');
      this.addSql(`create index "${name}" on "lead" (${list});`);
    }
  }

  override down(): void | Promise<void> {
    for (const columns of gridOrders) this.addSql(`drop index "lead_grid_${columns.join('_')}_idx";`);
    this.addSql(`delete from "saved_view" where "object" = 'leads';`);
    this.addSql(`alter table "saved_view" drop constraint if exists "saved_view_object_check";`);
    this.addSql(`alter table "saved_view" add constraint "saved_view_object_check" check ("object" in ('customers'));`);
  }

}
