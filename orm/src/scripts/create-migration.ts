// Creates a migration from the difference between the entities and the schema that the existing
// migrations build, with no database server: a throwaway in-memory PGlite stands in.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { startEmbeddedDatabase } from '../database/embedded.js';
import { migrate } from '../migrate.js';
import { migrationsPath, ormConfig } from '../orm-config.js';

const name = process.argv[2];
const db = await startEmbeddedDatabase(undefined);
const orm = await MikroORM.init(ormConfig(db.url, { debug: false }));
try {
  await migrate(orm);
  const initial = (await orm.migrator.getExecuted()).length === 0;
  const result = await orm.migrator.create(migrationsPath, false, initial, name);
  if (!result.fileName) {
    console.log('No changes: the entities match the migrations.');
  } else {
    const className = basename(result.fileName).replace(/\.ts$/, '');
    addToList(className);
    console.log(`Created ${join(migrationsPath, result.fileName)}`);
  }
} finally {
  await orm.close(true);
  await db.stop();
}

function addToList(className: string) {
  const indexFile = join(migrationsPath, 'index.ts');
  const source = readFileSync(indexFile, 'utf8');
  const imports = [...source.matchAll(/^import \{ (\w+) \} from '\.\/\w+\.js';$/gm)].map((m) => m[1]!);
  const all = [...imports, className];
  const header = source.slice(0, source.indexOf('export const migrationsList')).replace(/^import .*\n/gm, '');
  writeFileSync(
    indexFile,
    [
      ...all.map((c) => `import { ${c} } from './${c}.js';`),
      header.trimStart() ? `\n${header.trim()}` : '',
      `export const migrationsList = [\n${all.map((c) => `  { name: '${c}', class: ${c} },`).join('\n')}\n];\n`,
    ]
      .filter(Boolean)
      .join('\n'),
  );
}
