import { usersDocs } from '../../api/users/docs.js';
import { usersRouter } from '../../api/users/routes.js';
import type { OrgDirectories } from '../../domain/org/directory.js';
import { onboarding } from '../../domain/roles/onboarding.js';
import type { KelianModule } from '../../modules/contract.js';
import { DingTalkDirectory } from '../../platforms/dingtalk/directory.js';
import type { PlatformRuntime } from '../../platforms/setup.js';
import { WeComDirectory } from '../../platforms/wecom/directory.js';
import { enqueueFullSyncs, orgSyncFeature, orgSyncJobs } from './sync-jobs.js';

/** Read at each sync: the platform clients are built on first use, once the server listens. */
const directories = (platforms: PlatformRuntime) => (): OrgDirectories => {
  const wecom = platforms.wecomClient();
  const dingtalk = platforms.dingtalkClient();
  return {
    ...(wecom ? { wecom: new WeComDirectory(wecom) } : {}),
    ...(dingtalk ? { dingtalk: new DingTalkDirectory(dingtalk) } : {}),
  };
};

/** The organisation: people and departments synced from the platforms; the colleagues one may pick. */
export const orgModule: KelianModule = {
  name: 'org',
  register(ctx) {
    orgSyncFeature(ctx);
    const { adminUsers, defaultRoles } = ctx.config;
    orgSyncJobs(directories(ctx.platforms), onboarding({ adminUsers, defaultRoles }))(ctx);
  },
  api: { routers: (deps) => [usersRouter(deps)], docs: () => usersDocs },
  start: ({ queue, platforms }) => enqueueFullSyncs(queue, directories(platforms)()),
};
