import { rolesDocs } from '../../api/roles/docs.js';
import { mergeDocs } from '../../api/roles/merge-docs.js';
import { mergeRouter } from '../../api/roles/merge-routes.js';
import { rolesRouter } from '../../api/roles/routes.js';
import { administratorCount, noAdministratorText } from '../../domain/roles/administrators.js';
import type { KelianModule } from '../../modules/contract.js';

/**
 * Roles and administrators. While nobody administers Kelian (a company just gone live), nobody can
 * be given a role: the bot says so to whoever writes to it, the log says so at start, and /readyz
 * shows it (health/routes.ts). The configured administrators are granted by every org sync
 * (bot/org/module.ts), since they exist only once the directory is synced. The administrators'
 * API (api/roles/) edits roles and gives them out.
 */
export const rolesModule: KelianModule = {
  name: 'roles',
  register({ bot }) {
    // Asked on every message, the count was two queries per event. Once someone administers, someone
    // keeps doing so (removing the last administrator is refused; only leaving the company ends it),
    // so a yes is trusted for a minute and a no is asked again each time.
    let administeredUntil = 0;
    bot.guard(async (em) => {
      if (Date.now() < administeredUntil) return undefined;
      if ((await administratorCount(em)) === 0) return noAdministratorText;
      administeredUntil = Date.now() + 60_000;
      return undefined;
    });
  },
  api: {
    routers: (deps) => [rolesRouter(deps), mergeRouter(deps)],
    docs: () => [...rolesDocs, ...mergeDocs],
  },
  async start({ orm, config, logger }) {
    if ((await administratorCount(orm.em.fork())) > 0) return;
    logger.warn(
      { adminUsers: config.adminUsers },
      config.adminUsers.length > 0
        ? `${noAdministratorText}（ADMIN_USERS 中的人员将在通讯录同步到后成为管理员）`
        : noAdministratorText,
    );
  },
};
