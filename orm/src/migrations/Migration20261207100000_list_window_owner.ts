import { Migration } from '@mikro-orm/migrations';

// Issue 13: the mini-app customer list's search window (bot-server/src/domain/customers/keyset-page.ts)
// holds the next customers in the user's data scope, found off the order's index alone: the live
// customers' indexes by updated_at, created_at and name carry the owner (include), so that a rep's
// scope (own, collaborating, pool) is checked without reading the rows.
const orders = ['updated_at', 'created_at', 'name'];

export class Migration20261207100000_list_window_owner extends Migration {

  override name = 'Migration20261207100000_list_window_owner';

  override up(): void | Promise<void> {
    for (const column of orders) {
      const name = `customer_grid_${column}_idx`;
      this.addSql(`drop index "${name}";`);
      this.addSql(`create index "${name}" on "customer" ("${column}", "id") include ("owner_id") where "deleted_at" is null;`);
    }
  }

  override down(): void | Promise<void> {
    for (const column of orders) {
      const name = `customer_grid_${column}_idx`;
      this.addSql(`drop index "${name}";`);
      this.addSql(`create index "${name}" on "customer" ("${column}", "id") where "deleted_at" is null;`);
    }
  }

}
