// `npm run admin -- grant <mobile | WeCom or DingTalk user id>`: names an administrator from the
// server's own machine, for a company already running Kelian with nobody to hand out roles. The
// person must be in the synced directory; the grant is audited (via `cli`) and idempotent.
//
// On PostgreSQL this works beside running servers. The embedded database admits one process: with
// the server running, stop it first (or put the person in ADMIN_USERS and restart).
import { ConfigError, loadConfig } from '@kelian/config';
import { DataDirLockedError, ensureBuiltInRoles, ormConfig, startDatabase } from '@kelian/orm';
import { MikroORM } from '@mikro-orm/postgresql';
import { type AdminGrant, grantAdministrator } from './domain/roles/grant-admin.js';

const usage = 'usage: npm run admin -- grant <手机号 | 企业微信或钉钉 userid>';
const say = (text: string) => process.stderr.write(`${text}\n`);

function sentence(grant: AdminGrant): string {
  switch (grant.outcome) {
    case 'granted':
      return `已将 ${grant.user.name} 设为客联管理员。`;
    case 'already':
      return `${grant.user.name} 已经是客联管理员，未做更改。`;
    case 'unknown':
      return `通讯录中没有在职的「${grant.identifier}」：请确认手机号或账号，并等待通讯录同步后再试。`;
    case 'ambiguous':
      return `「${grant.identifier}」对应 ${grant.matches} 位同事，请改用企业微信或钉钉的账号（userid）。`;
  }
}

const [command, identifier, ...rest] = process.argv.slice(2);
if (command !== 'grant' || !identifier || rest.length > 0) {
  say(usage);
  process.exit(2);
}

try {
  const config = loadConfig();
  const db = await startDatabase(config.database);
  const orm = await MikroORM.init(ormConfig(db.url));
  try {
    // A database this version's server has not started on yet lacks the built-in roles.
    await ensureBuiltInRoles(orm.em.fork());
    const grant = await grantAdministrator(orm.em.fork(), { user: null, via: 'cli' }, identifier.trim());
    say(sentence(grant));
    process.exitCode = grant.outcome === 'granted' || grant.outcome === 'already' ? 0 : 1;
  } finally {
    await orm.close(true);
    await db.stop();
  }
} catch (e) {
  if (!(e instanceof ConfigError || e instanceof DataDirLockedError)) throw e;
  say(e.message);
  process.exitCode = 1;
}
