import { Migration } from '@mikro-orm/migrations';

// Contract scans (issue 14): each file's row and its bytes in 1 MB pieces, in the database beside
// the contract (entities/contract-attachment.ts says why). Scans are already compressed (PDF,
// JPEG): EXTERNAL storage keeps them out of line without PostgreSQL compressing them again.

export class Migration20261206210300_contract_attachments extends Migration {

  override name = 'Migration20261206210300_contract_attachments';

  override up(): void | Promise<void> {
    this.addSql(`create table "contract_attachment" ("id" serial primary key, "contract_id" int not null, "file_name" varchar(255) not null, "content_type" varchar(100) not null, "size_bytes" int not null, "uploaded_by_id" int null, "created_at" timestamptz not null);`);
    this.addSql(`create index "contract_attachment_contract_id_id_index" on "contract_attachment" ("contract_id", "id");`);

    this.addSql(`create table "contract_attachment_chunk" ("attachment_id" int not null, "seq" int not null, "data" bytea not null, primary key ("attachment_id", "seq"));`);
    this.addSql(`alter table "contract_attachment_chunk" alter column "data" set storage external;`);

    this.addSql(`alter table "contract_attachment" add constraint "contract_attachment_contract_id_foreign" foreign key ("contract_id") references "contract" ("id") on delete cascade;`);
    this.addSql(`alter table "contract_attachment" add constraint "contract_attachment_uploaded_by_id_foreign" foreign key ("uploaded_by_id") references "app_user" ("id") on delete set null;`);

    this.addSql(`alter table "contract_attachment_chunk" add constraint "contract_attachment_chunk_attachment_id_foreign" foreign key ("attachment_id") references "contract_attachment" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "contract_attachment_chunk" drop constraint "contract_attachment_chunk_attachment_id_foreign";`);

    this.addSql(`drop table if exists "contract_attachment" cascade;`);
    this.addSql(`drop table if exists "contract_attachment_chunk" cascade;`);
  }

}
