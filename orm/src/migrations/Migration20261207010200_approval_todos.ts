import { Migration } from '@mikro-orm/migrations';

// Approval tasks mirrored as DingTalk 待办 (issue 14, platform-additions §5): one row per task, its
// sourceId on DingTalk and DingTalk's id once known (entities/approval-todo.ts).

export class Migration20261207010200_approval_todos extends Migration {

  override name = 'Migration20261207010200_approval_todos';

  override up(): void | Promise<void> {
    this.addSql(`create table "approval_todo" ("id" serial primary key, "task_id" int not null, "union_id" varchar(64) not null, "source_id" varchar(100) not null, "todo_id" varchar(100) null, "state" text not null default 'creating', "last_error" varchar(2000) null, "created_at" timestamptz not null, "done_at" timestamptz null);`);
    this.addSql(`alter table "approval_todo" add constraint "approval_todo_task_id_unique" unique ("task_id");`);
    this.addSql(`alter table "approval_todo" add constraint "approval_todo_source_id_unique" unique ("source_id");`);
    this.addSql(`create index "approval_todo_state_index" on "approval_todo" ("state");`);

    this.addSql(`alter table "approval_todo" add constraint "approval_todo_task_id_foreign" foreign key ("task_id") references "approval_task" ("id") on delete cascade;`);
    this.addSql(`alter table "approval_todo" add constraint "approval_todo_state_check" check ("state" in ('creating', 'open', 'done', 'failed'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "approval_todo" cascade;`);
  }

}
