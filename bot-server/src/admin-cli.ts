// `npm run admin -- grant <mobile | WeCom or DingTalk user id>`: names an administrator from the
// server's own machine, for a company already running Kelian with nobody to hand out roles. The
// person must be in the synced directory; the grant is audited (via `cli`) and idempotent.
//
// On PostgreSQL it connects itself, beside any running servers. The embedded database admits one
// process: with the server running, the server does the grant, asked through its admin door
// (DATA_DIR/admin.json, readable by its owner only); with it stopped, the data folder is opened here.
import { ConfigError, loadConfig } from '@kelian/config';
import {
  DataDirLockedError,
  ensureBuiltInRoles,
  ormConfig,
  runningAdminDoor,
  startDatabase,
} from '@kelian/orm';
import { MikroORM } from '@mikro-orm/postgresql';
import { grantCommandName, grantFromCommandLine } from './admin/grant.js';

const usage = 'usage: npm run admin -- grant <手机号 | 企业微信或钉钉 userid>';
const say = (text: string) => process.stderr.write(`${text}\n`);

const [command, identifier, ...rest] = process.argv.slice(2);
if (command !== 'grant' || !identifier || rest.length > 0) {
  say(usage);
  process.exit(2);
}

try {
  const config = loadConfig();
  const door = config.database.url ? undefined : await runningAdminDoor(config.database.dataDir);
  const answer = door ? await askServer(door, identifier) : await grantHere(config.database, identifier);
  say(answer.text);
  process.exitCode = answer.ok ? 0 : 1;
} catch (e) {
  if (!(e instanceof ConfigError || e instanceof DataDirLockedError)) throw e;
  say(e.message);
  process.exitCode = 1;
}

async function askServer(door: { port: number; token: string }, argument: string) {
  const res = await fetch(`http://127.0.0.1:${door.port}/command/${grantCommandName}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${door.token}` },
    body: argument,
  });
  if (!res.ok) return { ok: false, text: `运行中的服务器未能完成：${await res.text()}` };
  return (await res.json()) as { ok: boolean; text: string };
}

async function grantHere(database: { url: string | undefined; dataDir: string }, argument: string) {
  const db = await startDatabase(database);
  const orm = await MikroORM.init(ormConfig(db.url));
  try {
    // A database this version's server has not started on yet lacks the built-in roles.
    await ensureBuiltInRoles(orm.em.fork());
    return await grantFromCommandLine(orm.em.fork(), argument);
  } finally {
    await orm.close(true);
    await db.stop();
  }
}
