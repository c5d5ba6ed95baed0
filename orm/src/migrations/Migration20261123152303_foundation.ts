import { Migration } from '@mikro-orm/migrations';

export class Migration20261123152303_foundation extends Migration {
  override name = 'Migration20261123152303_foundation';

  override up(): void | Promise<void> {
    // The generator does not know extensions; customer name search needs trigram indexes.
    this.addSql('create extension if not exists pg_trgm;');

    this.addSql(
      `create table "department" ("id" serial primary key, "name" varchar(100) not null, "parent_id" int null, "path" varchar(500) not null, "sort_order" int not null default 0, "wecom_id" varchar(64) null, "dingtalk_id" varchar(64) null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`,
    );
    this.addSql(`create index "department_parent_id_index" on "department" ("parent_id");`);
    this.addSql(`create index "department_path_index" on "department" ("path");`);
    this.addSql(`alter table "department" add constraint "department_wecom_id_unique" unique ("wecom_id");`);
    this.addSql(
      `alter table "department" add constraint "department_dingtalk_id_unique" unique ("dingtalk_id");`,
    );

    this.addSql(
      `create table "role" ("id" serial primary key, "code" varchar(50) not null, "name" varchar(100) not null, "built_in" boolean not null default false, "default_scope" text not null default 'self', "field_rules" jsonb not null default '{}', "created_at" timestamptz not null);`,
    );
    this.addSql(`alter table "role" add constraint "role_code_unique" unique ("code");`);
    this.addSql(
      `alter table "role" add constraint "role_default_scope_check" check ("default_scope" in ('self', 'department', 'department_tree', 'all'));`,
    );

    this.addSql(
      `create table "run_slot" ("key" varchar(200) not null, "task" varchar(100) not null, "slot" timestamptz not null, "owner" varchar(100) not null, "created_at" timestamptz not null, primary key ("key"));`,
    );
    this.addSql(`create index "run_slot_task_slot_index" on "run_slot" ("task", "slot");`);

    this.addSql(
      `create table "tag_group" ("id" serial primary key, "name" varchar(50) not null, "exclusive" boolean not null default false, "sort_order" int not null default 0, "wecom_group_id" varchar(64) null, "created_at" timestamptz not null);`,
    );
    this.addSql(`alter table "tag_group" add constraint "tag_group_name_unique" unique ("name");`);
    this.addSql(
      `alter table "tag_group" add constraint "tag_group_wecom_group_id_unique" unique ("wecom_group_id");`,
    );

    this.addSql(
      `create table "tag" ("id" serial primary key, "group_id" int not null, "name" varchar(50) not null, "color" varchar(16) null, "sort_order" int not null default 0, "wecom_tag_id" varchar(64) null, "created_at" timestamptz not null);`,
    );
    this.addSql(`alter table "tag" add constraint "tag_wecom_tag_id_unique" unique ("wecom_tag_id");`);
    this.addSql(`alter table "tag" add constraint "tag_group_id_name_unique" unique ("group_id", "name");`);

    this.addSql(
      `create table "app_user" ("id" serial primary key, "name" varchar(100) not null, "mobile" varchar(32) null, "email" varchar(200) null, "title" varchar(100) null, "department_id" int null, "manager_id" int null, "active" boolean not null default true, "wecom_user_id" varchar(64) null, "dingtalk_user_id" varchar(64) null, "dingtalk_union_id" varchar(64) null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`,
    );
    this.addSql(
      `alter table "app_user" add constraint "app_user_wecom_user_id_unique" unique ("wecom_user_id");`,
    );
    this.addSql(
      `alter table "app_user" add constraint "app_user_dingtalk_user_id_unique" unique ("dingtalk_user_id");`,
    );
    this.addSql(
      `alter table "app_user" add constraint "app_user_dingtalk_union_id_unique" unique ("dingtalk_union_id");`,
    );

    this.addSql(
      `create table "role_assignment" ("id" serial primary key, "user_id" int not null, "role_id" int not null, "scope" text not null, "department_id" int null, "created_at" timestamptz not null);`,
    );
    this.addSql(
      `alter table "role_assignment" add constraint "role_assignment_user_id_role_id_unique" unique ("user_id", "role_id");`,
    );
    this.addSql(
      `alter table "role_assignment" add constraint "role_assignment_scope_check" check ("scope" in ('self', 'department', 'department_tree', 'all'));`,
    );

    this.addSql(
      `create table "customer" ("id" serial primary key, "kind" text not null, "name" varchar(200) not null, "credit_code" varchar(18) null, "industry" varchar(50) null, "level" varchar(20) null, "region" varchar(50) null, "city" varchar(50) null, "address" varchar(300) null, "phone" varchar(32) null, "source" varchar(50) null, "owner_id" int null, "custom_fields" jsonb not null default '{}', "wecom_external_user_id" varchar(64) null, "last_follow_up_at" timestamptz null, "deleted_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`,
    );
    this.addSql(`create index "customer_credit_code_index" on "customer" ("credit_code");`);
    this.addSql(
      `alter table "customer" add constraint "customer_wecom_external_user_id_unique" unique ("wecom_external_user_id");`,
    );
    this.addSql(`create index "customer_deleted_at_index" on "customer" ("deleted_at");`);
    this.addSql(`create index "customer_name_trgm_idx" on "customer" using gin ("name" gin_trgm_ops);`);
    this.addSql(
      `alter table "customer" add constraint "customer_kind_check" check ("kind" in ('company', 'person'));`,
    );

    this.addSql(
      `create table "customer_tag" ("customer_id" int not null, "tag_id" int not null, primary key ("customer_id", "tag_id"));`,
    );

    this.addSql(
      `create table "customer_collaborator" ("customer_id" int not null, "user_id" int not null, primary key ("customer_id", "user_id"));`,
    );

    this.addSql(
      `create table "contact" ("id" serial primary key, "customer_id" int not null, "name" varchar(100) not null, "mobile" varchar(32) null, "phone" varchar(32) null, "email" varchar(200) null, "title" varchar(100) null, "wechat" varchar(100) null, "primary" boolean not null default false, "wecom_external_user_id" varchar(64) null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`,
    );
    this.addSql(`create index "contact_mobile_index" on "contact" ("mobile");`);
    this.addSql(
      `alter table "contact" add constraint "contact_wecom_external_user_id_unique" unique ("wecom_external_user_id");`,
    );

    this.addSql(
      `create table "follow_up" ("id" serial primary key, "customer_id" int not null, "contact_id" int null, "author_id" int null, "kind" text not null, "content" text not null, "next_step" varchar(500) null, "next_at" timestamptz null, "occurred_at" timestamptz not null, "created_at" timestamptz not null);`,
    );
    this.addSql(
      `create index "follow_up_customer_id_occurred_at_index" on "follow_up" ("customer_id", "occurred_at");`,
    );
    this.addSql(
      `alter table "follow_up" add constraint "follow_up_kind_check" check ("kind" in ('call', 'visit', 'wechat', 'email', 'meeting'));`,
    );

    this.addSql(
      `alter table "tag" add constraint "tag_group_id_foreign" foreign key ("group_id") references "tag_group" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "app_user" add constraint "app_user_department_id_foreign" foreign key ("department_id") references "department" ("id") on delete set null;`,
    );

    this.addSql(
      `alter table "role_assignment" add constraint "role_assignment_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "role_assignment" add constraint "role_assignment_role_id_foreign" foreign key ("role_id") references "role" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "role_assignment" add constraint "role_assignment_department_id_foreign" foreign key ("department_id") references "department" ("id") on delete set null;`,
    );

    this.addSql(
      `alter table "customer" add constraint "customer_owner_id_foreign" foreign key ("owner_id") references "app_user" ("id") on delete set null;`,
    );

    this.addSql(
      `alter table "customer_tag" add constraint "customer_tag_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "customer_tag" add constraint "customer_tag_tag_id_foreign" foreign key ("tag_id") references "tag" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "customer_collaborator" add constraint "customer_collaborator_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "customer_collaborator" add constraint "customer_collaborator_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "contact" add constraint "contact_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "follow_up" add constraint "follow_up_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "follow_up" add constraint "follow_up_contact_id_foreign" foreign key ("contact_id") references "contact" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "follow_up" add constraint "follow_up_author_id_foreign" foreign key ("author_id") references "app_user" ("id") on delete set null;`,
    );
  }
}
