import { Migration } from '@mikro-orm/migrations';
import { refreshSearchKeys } from '../search/refresh.js';

// Written by hand: no column or index changes (npm run migration:create finds no difference).
// search_text gains the name's initials from each later character on (orm/src/search/keys.ts,
// innerInitialsMark), so that `xh` finds 北京星河 through the existing words index. The keys are
// computed in JS (pinyin), so every customer's are computed again here.
export class Migration20261206130000_inner_initials extends Migration {

  override name = 'Migration20261206130000_inner_initials';

  override async up(): Promise<void> {
    await refreshSearchKeys(this.getEntityManager());
  }

  override down(): void {
    // The marked words stay: the previous searches never match them (no query holds the mark).
  }

}
