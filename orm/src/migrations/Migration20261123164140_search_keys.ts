import { Migration } from '@mikro-orm/migrations';
import { refreshSearchKeys } from '../search/refresh.js';

export class Migration20261123164140_search_keys extends Migration {

  override name = 'Migration20261123164140_search_keys';

  override async up(): Promise<void> {
    // Hand-edited: the keys of existing customers are computed in JS (pinyin), so the columns must
    // exist before up() returns: the statements run here, in order, instead of through addSql. The
    // indexes are built after the backfill, which is cheaper than updating them row by row.
    await this.execute(`alter table "customer" add "search_text" text not null default '', add "search_contacts" text not null default '', add "search_grams" text[] not null default '{}', add "search_phones" text[] not null default '{}';`);
    await this.execute(`create index "contact_customer_id_index" on "contact" ("customer_id");`);
    await refreshSearchKeys(this.getEntityManager());
    await this.execute(`create index "customer_search_name_idx" on "customer" (split_part("search_text", ' ', 2) text_pattern_ops);`);
    await this.execute(`create index "customer_search_text_words_idx" on "customer" using gin ((array_to_tsvector(string_to_array(btrim("search_text"), ' '))));`);
    await this.execute(`create index "customer_search_contacts_words_idx" on "customer" using gin ((array_to_tsvector(string_to_array(btrim("search_contacts"), ' '))));`);
    await this.execute(`create index "customer_search_text_trgm_idx" on "customer" using gin ("search_text" gin_trgm_ops);`);
    await this.execute(`create index "customer_search_contacts_trgm_idx" on "customer" using gin ("search_contacts" gin_trgm_ops);`);
    await this.execute(`create index "customer_search_grams_idx" on "customer" using gin ("search_grams");`);
    await this.execute(`create index "customer_search_phones_idx" on "customer" using gin ("search_phones");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "contact_customer_id_index";`);

    this.addSql(`drop index "customer_search_name_idx";`);
    this.addSql(`drop index "customer_search_text_words_idx";`);
    this.addSql(`drop index "customer_search_contacts_words_idx";`);
    this.addSql(`drop index "customer_search_text_trgm_idx";`);
    this.addSql(`drop index "customer_search_contacts_trgm_idx";`);
    this.addSql(`drop index "customer_search_grams_idx";`);
    this.addSql(`drop index "customer_search_phones_idx";`);
    this.addSql(`alter table "customer" drop column "search_text", drop column "search_contacts", drop column "search_grams", drop column "search_phones";`);
  }

}
