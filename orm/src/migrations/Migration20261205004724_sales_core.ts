import { Migration } from '@mikro-orm/migrations';

export class Migration20261205004724_sales_core extends Migration {

  override name = 'Migration20261205004724_sales_core';

  override up(): void | Promise<void> {
    this.addSql(`create table "custom_field_definition" ("id" serial primary key, "object" text not null, "key" varchar(50) not null, "label" varchar(50) not null, "type" text not null, "options" text[] not null default '{}', "required" boolean not null default false, "position" int not null default 0, "created_at" timestamptz not null, "updated_at" timestamptz not null);`);
    this.addSql(`alter table "custom_field_definition" add constraint "custom_field_definition_object_key_unique" unique ("object", "key");`);

    this.addSql(`create table "firing" ("key" varchar(200) not null, "fired_at" timestamptz not null, primary key ("key"));`);

    this.addSql(`create table "follow_up_rule" ("id" serial primary key, "name" varchar(100) not null, "enabled" boolean not null default true, "object" text not null, "trigger" text not null, "event" varchar(50) null, "date_field" varchar(100) null, "offset_days" int not null, "action" text not null, "task_title" varchar(200) null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`);

    this.addSql(`create table "pipeline_stage" ("id" serial primary key, "name" varchar(50) not null, "position" int not null default 0, "probability" int not null default 0, "stalled_after_days" int null, "outcome" text not null default 'open', "active" boolean not null default true, "created_at" timestamptz not null);`);
    this.addSql(`alter table "pipeline_stage" add constraint "pipeline_stage_name_unique" unique ("name");`);

    this.addSql(`create table "sales_target" ("id" serial primary key, "user_id" int null, "department_id" int null, "month" varchar(7) not null, "amount_cents" bigint not null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`);
    this.addSql(`alter table "sales_target" add constraint "sales_target_user_id_month_unique" unique ("user_id", "month");`);
    this.addSql(`alter table "sales_target" add constraint "sales_target_department_id_month_unique" unique ("department_id", "month");`);

    this.addSql(`create table "assignment_rule" ("id" serial primary key, "name" varchar(100) not null, "position" int not null default 0, "enabled" boolean not null default true, "regions" text[] not null default '{}', "sources" text[] not null default '{}', "industries" text[] not null default '{}', "team_id" int not null, "strategy" text not null default 'claim', "recycle_after_days" int null, "last_assignee_id" int null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`);

    this.addSql(`create table "opportunity" ("id" serial primary key, "name" varchar(200) not null, "customer_id" int not null, "owner_id" int null, "stage_id" int not null, "amount_cents" bigint not null default '0', "expected_close_date" date null, "status" text not null default 'open', "lost_reason" varchar(500) null, "closed_at" timestamptz null, "stage_changed_at" timestamptz not null, "lead_id" int null, "custom_fields" jsonb not null default '{}', "deleted_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`);
    this.addSql(`create index "opportunity_status_stage_id_index" on "opportunity" ("status", "stage_id");`);
    this.addSql(`create index "opportunity_owner_id_status_index" on "opportunity" ("owner_id", "status");`);

    this.addSql(`create table "task" ("id" serial primary key, "title" varchar(200) not null, "note" text null, "assignee_id" int not null, "customer_id" int null, "lead_id" int null, "opportunity_id" int null, "due_at" timestamptz not null, "status" text not null default 'open', "done_at" timestamptz null, "reminded_at" timestamptz null, "postponements" int not null default 0, "rule_id" int null, "created_by_id" int null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`);
    this.addSql(`create index "task_assignee_id_status_due_at_index" on "task" ("assignee_id", "status", "due_at");`);
    this.addSql(`create index "task_status_reminded_at_due_at_index" on "task" ("status", "reminded_at", "due_at");`);

    this.addSql(`create table "stage_change" ("id" serial primary key, "opportunity_id" int not null, "from_stage_id" int null, "to_stage_id" int not null, "by_id" int null, "note" varchar(500) null, "at" timestamptz not null);`);
    this.addSql(`create index "stage_change_opportunity_id_at_index" on "stage_change" ("opportunity_id", "at");`);

    this.addSql(`alter table "customer" add "merged_into_id" int null;`);

    this.addSql(`alter table "lead" add "email" varchar(200) null, add "rule_id" int null, add "external_key" varchar(100) null, add "customer_id" int null, add "converted_at" timestamptz null, add "last_activity_at" timestamptz not null default now(), add "custom_fields" jsonb not null default '{}';`);
    this.addSql(`alter table "lead" add constraint "lead_rule_id_foreign" foreign key ("rule_id") references "assignment_rule" ("id") on delete set null;`);
    this.addSql(`alter table "lead" add constraint "lead_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on delete set null;`);
    this.addSql(`alter table "lead" add constraint "lead_external_key_unique" unique ("external_key");`);

    this.addSql(`alter table "custom_field_definition" add constraint "custom_field_definition_object_check" check ("object" in ('customer', 'lead', 'opportunity'));`);
    this.addSql(`alter table "custom_field_definition" add constraint "custom_field_definition_type_check" check ("type" in ('text', 'number', 'date', 'select', 'multi_select'));`);

    this.addSql(`alter table "follow_up_rule" add constraint "follow_up_rule_object_check" check ("object" in ('customer', 'lead', 'opportunity'));`);
    this.addSql(`alter table "follow_up_rule" add constraint "follow_up_rule_trigger_check" check ("trigger" in ('event', 'date', 'inactivity'));`);
    this.addSql(`alter table "follow_up_rule" add constraint "follow_up_rule_action_check" check ("action" in ('task', 'pool'));`);

    this.addSql(`alter table "pipeline_stage" add constraint "pipeline_stage_outcome_check" check ("outcome" in ('open', 'won', 'lost'));`);

    this.addSql(`alter table "sales_target" add constraint "sales_target_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete cascade;`);
    this.addSql(`alter table "sales_target" add constraint "sales_target_department_id_foreign" foreign key ("department_id") references "department" ("id") on delete cascade;`);

    this.addSql(`alter table "assignment_rule" add constraint "assignment_rule_team_id_foreign" foreign key ("team_id") references "department" ("id") on delete cascade;`);
    this.addSql(`alter table "assignment_rule" add constraint "assignment_rule_last_assignee_id_foreign" foreign key ("last_assignee_id") references "app_user" ("id") on delete set null;`);
    this.addSql(`alter table "assignment_rule" add constraint "assignment_rule_strategy_check" check ("strategy" in ('claim', 'round_robin', 'least_loaded'));`);

    this.addSql(`alter table "opportunity" add constraint "opportunity_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on delete cascade;`);
    this.addSql(`alter table "opportunity" add constraint "opportunity_owner_id_foreign" foreign key ("owner_id") references "app_user" ("id") on delete set null;`);
    this.addSql(`alter table "opportunity" add constraint "opportunity_stage_id_foreign" foreign key ("stage_id") references "pipeline_stage" ("id");`);
    this.addSql(`alter table "opportunity" add constraint "opportunity_lead_id_foreign" foreign key ("lead_id") references "lead" ("id") on delete set null;`);
    this.addSql(`alter table "opportunity" add constraint "opportunity_status_check" check ("status" in ('open', 'won', 'lost'));`);

    this.addSql(`alter table "task" add constraint "task_assignee_id_foreign" foreign key ("assignee_id") references "app_user" ("id") on delete cascade;`);
    this.addSql(`alter table "task" add constraint "task_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on delete cascade;`);
    this.addSql(`alter table "task" add constraint "task_lead_id_foreign" foreign key ("lead_id") references "lead" ("id") on delete cascade;`);
    this.addSql(`alter table "task" add constraint "task_opportunity_id_foreign" foreign key ("opportunity_id") references "opportunity" ("id") on delete cascade;`);
    this.addSql(`alter table "task" add constraint "task_rule_id_foreign" foreign key ("rule_id") references "follow_up_rule" ("id") on delete set null;`);
    this.addSql(`alter table "task" add constraint "task_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on delete set null;`);
    this.addSql(`alter table "task" add constraint "task_status_check" check ("status" in ('open', 'done', 'cancelled'));`);

    this.addSql(`alter table "stage_change" add constraint "stage_change_opportunity_id_foreign" foreign key ("opportunity_id") references "opportunity" ("id") on delete cascade;`);
    this.addSql(`alter table "stage_change" add constraint "stage_change_from_stage_id_foreign" foreign key ("from_stage_id") references "pipeline_stage" ("id") on delete set null;`);
    this.addSql(`alter table "stage_change" add constraint "stage_change_to_stage_id_foreign" foreign key ("to_stage_id") references "pipeline_stage" ("id");`);
    this.addSql(`alter table "stage_change" add constraint "stage_change_by_id_foreign" foreign key ("by_id") references "app_user" ("id") on delete set null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "task" drop constraint "task_rule_id_foreign";`);
    this.addSql(`alter table "opportunity" drop constraint "opportunity_stage_id_foreign";`);
    this.addSql(`alter table "stage_change" drop constraint "stage_change_from_stage_id_foreign";`);
    this.addSql(`alter table "stage_change" drop constraint "stage_change_to_stage_id_foreign";`);
    this.addSql(`alter table "lead" drop constraint "lead_rule_id_foreign";`);
    this.addSql(`alter table "task" drop constraint "task_opportunity_id_foreign";`);
    this.addSql(`alter table "stage_change" drop constraint "stage_change_opportunity_id_foreign";`);

    this.addSql(`drop table if exists "custom_field_definition" cascade;`);
    this.addSql(`drop table if exists "firing" cascade;`);
    this.addSql(`drop table if exists "follow_up_rule" cascade;`);
    this.addSql(`drop table if exists "pipeline_stage" cascade;`);
    this.addSql(`drop table if exists "sales_target" cascade;`);
    this.addSql(`drop table if exists "assignment_rule" cascade;`);
    this.addSql(`drop table if exists "opportunity" cascade;`);
    this.addSql(`drop table if exists "task" cascade;`);
    this.addSql(`drop table if exists "stage_change" cascade;`);

    this.addSql(`alter table "lead" drop constraint "lead_customer_id_foreign";`);

    this.addSql(`alter table "customer" drop column "merged_into_id";`);

    this.addSql(`alter table "lead" drop constraint "lead_external_key_unique";`);
    this.addSql(`alter table "lead" drop column "email", drop column "rule_id", drop column "external_key", drop column "customer_id", drop column "converted_at", drop column "last_activity_at", drop column "custom_fields";`);
  }

}
