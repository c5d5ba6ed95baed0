import { Migration } from '@mikro-orm/migrations';

// Issue 14's foundation: contracts, approval flows (versioned), their runs, each person's tasks and
// the runs' timelines. The built-in roles gain the new objects as reference/roles.ts gives them to
// a new database: contracts like deals, approvals read by managers and finance, products read.
const granted: Record<string, object> = {
  admin: {
    contract: ['read', 'edit', 'delete', 'export', 'approve'],
    approval: ['read'],
    product: ['read', 'edit', 'delete', 'export'],
  },
  manager: { contract: ['read', 'edit', 'delete', 'export', 'approve'], approval: ['read'], product: ['read'] },
  sales: { contract: ['read', 'edit', 'delete'], product: ['read'] },
  procurement: { product: ['read'] },
  service: { product: ['read'] },
  finance: { contract: ['read', 'export', 'approve'], approval: ['read'], product: ['read'] },
};

export class Migration20261206183059_approvals extends Migration {

  override name = 'Migration20261206183059_approvals';

  override up(): void | Promise<void> {
    this.addSql(`create table "contract" ("id" serial primary key, "number" varchar(50) not null, "name" varchar(200) not null, "customer_id" int not null, "opportunity_id" int null, "owner_id" int null, "amount_cents" bigint not null, "start_date" date not null, "end_date" date not null, "signed_date" date null, "status" text not null default 'draft', "deleted_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`);
    this.addSql(`alter table "contract" add constraint "contract_number_unique" unique ("number");`);
    this.addSql(`create index "contract_customer_id_id_index" on "contract" ("customer_id", "id");`);
    this.addSql(`create index "contract_owner_id_id_index" on "contract" ("owner_id", "id");`);

    this.addSql(`create table "approval_flow" ("id" serial primary key, "doc_type" varchar(50) not null, "version" int not null, "name" varchar(100) not null, "definition" jsonb not null, "on_no_approver" text not null default 'auto_pass', "created_by_id" int null, "created_at" timestamptz not null);`);
    this.addSql(`alter table "approval_flow" add constraint "approval_flow_doc_type_version_unique" unique ("doc_type", "version");`);

    this.addSql(`create table "approval_instance" ("id" serial primary key, "flow_id" int not null, "doc_type" varchar(50) not null, "doc_id" int not null, "customer_id" int null, "title" varchar(300) not null, "submitter_id" int not null, "status" text not null default 'pending', "snapshot" jsonb not null, "route" jsonb not null, "current_step" int not null default 0, "created_at" timestamptz not null, "decided_at" timestamptz null);`);
    this.addSql(`create index "approval_instance_doc_type_doc_id_index" on "approval_instance" ("doc_type", "doc_id");`);
    this.addSql(`create index "approval_instance_submitter_id_id_index" on "approval_instance" ("submitter_id", "id");`);
    this.addSql(`create index "approval_instance_customer_id_index" on "approval_instance" ("customer_id");`);

    this.addSql(`create table "approval_task" ("id" serial primary key, "instance_id" int not null, "step" int not null, "position" int not null default 0, "approver_id" int not null, "status" text not null, "reason" varchar(500) null, "by_user_id" int null, "acted_at" timestamptz null, "created_at" timestamptz not null);`);
    this.addSql(`create index "approval_task_approver_id_status_id_index" on "approval_task" ("approver_id", "status", "id");`);
    this.addSql(`create index "approval_task_instance_id_step_index" on "approval_task" ("instance_id", "step");`);

    this.addSql(`create table "approval_action" ("id" serial primary key, "instance_id" int not null, "step" int null, "actor_id" int null, "action" text not null, "reason" varchar(500) null, "target_user_ids" jsonb not null default '[]', "at" timestamptz not null);`);
    this.addSql(`create index "approval_action_instance_id_id_index" on "approval_action" ("instance_id", "id");`);

    this.addSql(`alter table "contract" add constraint "contract_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on delete cascade;`);
    this.addSql(`alter table "contract" add constraint "contract_opportunity_id_foreign" foreign key ("opportunity_id") references "opportunity" ("id") on delete set null;`);
    this.addSql(`alter table "contract" add constraint "contract_owner_id_foreign" foreign key ("owner_id") references "app_user" ("id") on delete set null;`);
    this.addSql(`alter table "contract" add constraint "contract_status_check" check ("status" in ('draft', 'pending', 'active', 'expired', 'terminated'));`);

    this.addSql(`alter table "approval_flow" add constraint "approval_flow_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on delete set null;`);
    this.addSql(`alter table "approval_flow" add constraint "approval_flow_on_no_approver_check" check ("on_no_approver" in ('auto_pass', 'admin'));`);

    this.addSql(`alter table "approval_instance" add constraint "approval_instance_flow_id_foreign" foreign key ("flow_id") references "approval_flow" ("id");`);
    this.addSql(`alter table "approval_instance" add constraint "approval_instance_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on delete set null;`);
    this.addSql(`alter table "approval_instance" add constraint "approval_instance_submitter_id_foreign" foreign key ("submitter_id") references "app_user" ("id");`);
    this.addSql(`alter table "approval_instance" add constraint "approval_instance_status_check" check ("status" in ('pending', 'approved', 'rejected', 'withdrawn'));`);

    this.addSql(`alter table "approval_task" add constraint "approval_task_instance_id_foreign" foreign key ("instance_id") references "approval_instance" ("id") on delete cascade;`);
    this.addSql(`alter table "approval_task" add constraint "approval_task_approver_id_foreign" foreign key ("approver_id") references "app_user" ("id");`);
    this.addSql(`alter table "approval_task" add constraint "approval_task_status_check" check ("status" in ('waiting', 'pending', 'approved', 'rejected', 'skipped', 'transferred', 'cancelled', 'notified'));`);

    this.addSql(`alter table "approval_action" add constraint "approval_action_instance_id_foreign" foreign key ("instance_id") references "approval_instance" ("id") on delete cascade;`);
    this.addSql(`alter table "approval_action" add constraint "approval_action_actor_id_foreign" foreign key ("actor_id") references "app_user" ("id") on delete set null;`);
    this.addSql(`alter table "approval_action" add constraint "approval_action_action_check" check ("action" in ('submit', 'approve', 'reject', 'withdraw', 'transfer', 'auto_pass', 'cc'));`);

    for (const [code, rights] of Object.entries(granted))
      this.addSql(`update "role" set "rights" = "rights" || '${JSON.stringify(rights)}'::jsonb where "code" = '${code}';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`update "role" set "rights" = "rights" - 'contract' - 'approval' - 'product';`);
    this.addSql(`alter table "approval_instance" drop constraint "approval_instance_flow_id_foreign";`);
    this.addSql(`alter table "approval_task" drop constraint "approval_task_instance_id_foreign";`);
    this.addSql(`alter table "approval_action" drop constraint "approval_action_instance_id_foreign";`);

    this.addSql(`drop table if exists "contract" cascade;`);
    this.addSql(`drop table if exists "approval_flow" cascade;`);
    this.addSql(`drop table if exists "approval_instance" cascade;`);
    this.addSql(`drop table if exists "approval_task" cascade;`);
    this.addSql(`drop table if exists "approval_action" cascade;`);
  }

}
