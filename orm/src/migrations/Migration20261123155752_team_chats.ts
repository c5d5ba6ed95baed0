import { Migration } from '@mikro-orm/migrations';

export class Migration20261123155752_team_chats extends Migration {

  override name = 'Migration20261123155752_team_chats';

  override up(): void | Promise<void> {
    this.addSql(`alter table "department" add "wecom_chat_id" varchar(64) null, add "dingtalk_conversation_id" varchar(128) null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "department" drop column "wecom_chat_id", drop column "dingtalk_conversation_id";`);
  }

}
