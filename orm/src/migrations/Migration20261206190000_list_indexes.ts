import { Migration } from '@mikro-orm/migrations';

// Issue 13: every list reads its first page off an index at scale. The lists' plans at 100,000 rows
// (bot-server/test/scale/list-plans.test.ts) read these tables whole without them: the customers a
// person collaborates on (every `self` data scope) and those with a tag (the tag filter), a
// customer's deals, leads and tasks (the timeline, the deal lists' scope), a person's finished tasks,
// a board column's newest deals.
export class Migration20261206190000_list_indexes extends Migration {

  override name = 'Migration20261206190000_list_indexes';

  override up(): void | Promise<void> {
    this.addSql(`create index "customer_collaborator_user_id_customer_id_index" on "customer_collaborator" ("user_id", "customer_id");`);
    this.addSql(`create index "customer_tag_tag_id_customer_id_index" on "customer_tag" ("tag_id", "customer_id");`);
    this.addSql(`create index "opportunity_customer_id_index" on "opportunity" ("customer_id");`);
    this.addSql(`create index "lead_customer_id_index" on "lead" ("customer_id");`);
    this.addSql(`create index "task_customer_id_index" on "task" ("customer_id");`);
    this.addSql(`create index "task_done_idx" on "task" ("assignee_id", "done_at" desc, "id") where "status" = 'done';`);
    this.addSql(`create index "opportunity_board_idx" on "opportunity" ("stage_id", "stage_changed_at", "id") where "deleted_at" is null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "opportunity_board_idx";`);
    this.addSql(`drop index "task_done_idx";`);
    this.addSql(`drop index "task_customer_id_index";`);
    this.addSql(`drop index "lead_customer_id_index";`);
    this.addSql(`drop index "opportunity_customer_id_index";`);
    this.addSql(`drop index "customer_tag_tag_id_customer_id_index";`);
    this.addSql(`drop index "customer_collaborator_user_id_customer_id_index";`);
  }

}
