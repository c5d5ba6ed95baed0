import { Migration } from '@mikro-orm/migrations';

// Two changes of issue 19's administration:
// - a user merged by an administrator into another (the same person, unmatched across WeCom and
//   DingTalk) is kept, marked with whom it was merged into and when;
// - roles gain the verbs `export` and `approve`. The built-in roles of an existing database get them
//   as a new one does (reference/roles.ts): the admin and the sales manager export and approve,
//   finance approves deals. A verb is added only to an object the role already has rights on, and
//   never twice; custom roles are left as their administrator made them.
const granted: { codes: string[]; object: string; verbs: string[] }[] = [
  { codes: ['admin', 'manager'], object: 'customer', verbs: ['export', 'approve'] },
  { codes: ['admin', 'manager'], object: 'lead', verbs: ['export'] },
  { codes: ['admin', 'manager'], object: 'opportunity', verbs: ['export', 'approve'] },
  { codes: ['admin', 'manager'], object: 'task', verbs: ['export'] },
  { codes: ['finance'], object: 'opportunity', verbs: ['approve'] },
];

export class Migration20261206154000_user_merge extends Migration {

  override name = 'Migration20261206154000_user_merge';

  override up(): void | Promise<void> {
    this.addSql(`alter table "app_user" add "merged_into_id" int null, add "merged_at" timestamptz null;`);
    for (const { codes, object, verbs } of granted)
      for (const verb of verbs)
        this.addSql(
          `update "role" set "rights" = jsonb_set("rights", '{${object}}', ("rights"->'${object}') || '["${verb}"]'::jsonb) ` +
            `where "code" in (${codes.map((c) => `'${c}'`).join(', ')}) and "rights"->'${object}' is not null ` +
            `and not ("rights"->'${object}') @> '["${verb}"]'::jsonb;`,
        );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "app_user" drop column "merged_into_id", drop column "merged_at";`);
    for (const { codes, object, verbs } of granted)
      for (const verb of verbs)
        this.addSql(
          `update "role" set "rights" = jsonb_set("rights", '{${object}}', ("rights"->'${object}') - '${verb}') ` +
            `where "code" in (${codes.map((c) => `'${c}'`).join(', ')}) and "rights"->'${object}' is not null;`,
        );
  }

}
