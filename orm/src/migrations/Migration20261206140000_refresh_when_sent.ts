import { Migration } from '@mikro-orm/migrations';

// A card rendered before its subject changed but recorded after that change's refresh had run kept
// the old state: the refresh marks the deliveries it cannot reach yet, and their recording asks for
// another (bot/cards/card-jobs.ts, bot/delivery/sender.ts).
export class Migration20261206140000_refresh_when_sent extends Migration {

  override name = 'Migration20261206140000_refresh_when_sent';

  override up(): void {
    this.addSql(`alter table "outbound_message" add "refresh_when_sent" boolean not null default false;`);
  }

  override down(): void {
    this.addSql(`alter table "outbound_message" drop column "refresh_when_sent";`);
  }

}
