import { Migration } from '@mikro-orm/migrations';

// Document types an administrator names and their applications (issue 14), the customer's credit
// limit the demo's 信用额度申请 sets on approval, and stage gates (a stage entered on approval).
// The built-in roles gain `application` as reference/roles.ts gives it to a new database: whoever
// sells or keeps the books applies and reads the applications in their scope.
const granted: Record<string, string[]> = {
  admin: ['read', 'edit'],
  manager: ['read', 'edit'],
  sales: ['read', 'edit'],
  finance: ['read', 'edit'],
};

export class Migration20261207010300_applications extends Migration {

  override name = 'Migration20261207010300_applications';

  override up(): void | Promise<void> {
    this.addSql(`create table "application_type" ("id" serial primary key, "name" varchar(50) not null, "icon" varchar(8) null, "color" varchar(7) null, "fields" jsonb not null, "purpose" varchar(20) null, "active" boolean not null default true, "created_by_id" int null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`);
    this.addSql(`alter table "application_type" add constraint "application_type_name_unique" unique ("name");`);
    this.addSql(`alter table "application_type" add constraint "application_type_purpose_unique" unique ("purpose");`);

    this.addSql(`create table "application" ("id" serial primary key, "type_id" int not null, "applicant_id" int not null, "values" jsonb not null, "customer_id" int null, "opportunity_id" int null, "status" text not null default 'draft', "decided_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`);
    this.addSql(`create index "application_applicant_id_id_index" on "application" ("applicant_id", "id");`);
    this.addSql(`create index "application_opportunity_id_status_index" on "application" ("opportunity_id", "status");`);

    this.addSql(`alter table "application_type" add constraint "application_type_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on delete set null;`);

    this.addSql(`alter table "application" add constraint "application_type_id_foreign" foreign key ("type_id") references "application_type" ("id");`);
    this.addSql(`alter table "application" add constraint "application_applicant_id_foreign" foreign key ("applicant_id") references "app_user" ("id");`);
    this.addSql(`alter table "application" add constraint "application_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on delete set null;`);
    this.addSql(`alter table "application" add constraint "application_opportunity_id_foreign" foreign key ("opportunity_id") references "opportunity" ("id") on delete set null;`);
    this.addSql(`alter table "application" add constraint "application_status_check" check ("status" in ('draft', 'pending', 'approved', 'rejected', 'withdrawn'));`);

    this.addSql(`alter table "customer" add column "credit_limit_cents" bigint null;`);
    this.addSql(`alter table "pipeline_stage" add column "requires_approval" boolean not null default false;`);

    for (const [code, verbs] of Object.entries(granted))
      this.addSql(`update "role" set "rights" = "rights" || '${JSON.stringify({ application: verbs })}'::jsonb where "code" = '${code}';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`update "role" set "rights" = "rights" - 'application';`);
    this.addSql(`alter table "customer" drop column "credit_limit_cents";`);
    this.addSql(`alter table "pipeline_stage" drop column "requires_approval";`);
    this.addSql(`drop table if exists "application" cascade;`);
    this.addSql(`drop table if exists "application_type" cascade;`);
  }

}
