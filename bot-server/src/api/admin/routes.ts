import Router from '@koa/router';
import { enqueueRequestedSync } from '../../bot/org/sync-jobs.js';
import { requireAdministration } from '../../domain/access/policy.js';
import { goLiveChecklist } from '../../domain/golive/checklist.js';
import type { PlatformName } from '../../domain/org/platform-name.js';
import { latestOrgSyncs, requestOrgSync } from '../../domain/org/sync-runs.js';
import { actingOf } from '../customers/acting.js';
import type { ApiDeps, ApiState } from '../deps.js';
import { orgSyncJson, runJson } from './present.js';
import { probe } from './probes.js';

// /api/admin/checklist and /api/admin/org-sync: the going-live checklist, checked live at each
// request, and the org sync's last runs with 立即同步. Administrators only, through the one policy.

export function goLiveRouter({ config, orm, platforms, queue }: ApiDeps): Router<ApiState> {
  const router = new Router<ApiState>();
  const configured = (): PlatformName[] => [
    ...(config.wecom ? (['wecom'] as const) : []),
    ...(config.dingtalk ? (['dingtalk'] as const) : []),
  ];

  router.get('/admin/checklist', async (ctx) => {
    const wecom = platforms.wecomClient();
    const dingtalk = platforms.dingtalkClient();
    const checks = await goLiveChecklist(orm.em, await actingOf(ctx, orm.em), {
      publicUrl: config.publicUrl ?? `${ctx.protocol}://${ctx.host}`,
      timeZone: config.displayTimeZone,
      ...(wecom && { wecom: { token: () => probe(() => wecom.checkAccessToken()) } }),
      ...(dingtalk &&
        config.dingtalk && {
          dingtalk: {
            token: () => probe(() => dingtalk.checkAccessToken()),
            streamConnected: platforms.dingtalkStreamConnected(),
            cardTemplateId: config.dingtalk.cardTemplateId,
          },
        }),
    });
    ctx.body = { checkedAt: new Date().toISOString(), checks };
  });

  router.get('/admin/org-sync', async (ctx) => {
    requireAdministration(await actingOf(ctx, orm.em), 'goLive');
    ctx.body = { items: (await latestOrgSyncs(orm.em, configured())).map(orgSyncJson) };
  });

  router.post('/admin/org-sync/run', async (ctx) => {
    const runs = await requestOrgSync(orm.em, await actingOf(ctx, orm.em), configured(), (tx, run) =>
      enqueueRequestedSync(queue, tx, run),
    );
    ctx.status = 202;
    ctx.body = { items: runs.map(runJson) };
  });
  return router;
}
