import { Migration } from '@mikro-orm/migrations';

// Roles gain rights: per object, what holders may do within their data scope (reading is one of
// them). Until now a role's scope was read as "may see and change"; existing roles get the rights
// their code stands for, and a custom role keeps what it had (a seller's rights), except that no
// custom role is handed the admin's settings or a manager's reassigning.
const seller = {
  customer: ['read', 'edit', 'delete'],
  lead: ['read', 'edit', 'claim'],
  opportunity: ['read', 'edit', 'delete'],
  task: ['read', 'edit'],
};
const manager = {
  customer: ['read', 'edit', 'delete', 'reassign'],
  lead: ['read', 'edit', 'claim', 'reassign'],
  opportunity: ['read', 'edit', 'delete', 'reassign'],
  task: ['read', 'edit', 'reassign'],
};
const reader = { customer: ['read'], opportunity: ['read'] };
const rights: Record<string, object> = {
  admin: { ...manager, settings: ['administer'] },
  manager,
  sales: seller,
  procurement: reader,
  service: reader,
  finance: reader,
};

export class Migration20261206120000_role_rights extends Migration {

  override name = 'Migration20261206120000_role_rights';

  override up(): void | Promise<void> {
    this.addSql(`alter table "role" add "rights" jsonb not null default '{}';`);
    for (const [code, granted] of Object.entries(rights))
      this.addSql(`update "role" set "rights" = '${JSON.stringify(granted)}'::jsonb where "code" = '${code}';`);
    const known = Object.keys(rights).map((code) => `'${code}'`).join(', ');
    this.addSql(`update "role" set "rights" = '${JSON.stringify(seller)}'::jsonb where "code" not in (${known});`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "role" drop column "rights";`);
  }

}
