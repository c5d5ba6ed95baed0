import { Migration } from '@mikro-orm/migrations';

// A deal's own DingTalk group (关联商机 said in the group), where the deal's approval cards are
// posted too; and the deal an approval run is about, so its notices can find that group.
export class Migration20261207020000_deal_groups extends Migration {

  override name = 'Migration20261207020000_deal_groups';

  override up(): void | Promise<void> {
    this.addSql(`alter table "opportunity" add "dingtalk_conversation_id" varchar(128) null;`);
    this.addSql(`alter table "approval_instance" add "opportunity_id" int null;`);
    this.addSql(`alter table "approval_instance" add constraint "approval_instance_opportunity_id_foreign" foreign key ("opportunity_id") references "opportunity" ("id") on delete set null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "approval_instance" drop constraint "approval_instance_opportunity_id_foreign";`);
    this.addSql(`alter table "approval_instance" drop column "opportunity_id";`);
    this.addSql(`alter table "opportunity" drop column "dingtalk_conversation_id";`);
  }

}
