import type pg from 'pg';
import { enqueueFullSyncs } from '../../src/bot/org/sync-jobs.js';
import { DingTalkDirectory } from '../../src/platforms/dingtalk/directory.js';
import { WeComDirectory } from '../../src/platforms/wecom/directory.js';
import { settleJobs } from './jobs.js';
import { sandboxOf } from './sandbox.js';
import type { RunningServer } from './server.js';

// 宋佳, 出纳 in 财务部 on both platforms, whom WeCom shows without a mobile (an app created since
// 2022 reads none): the org sync cannot match her two accounts and makes two users of her.

/** Full org syncs of both platforms, through the job, waited for. */
export async function syncBothPlatforms(server: RunningServer, db: pg.Pool): Promise<void> {
  await enqueueFullSyncs(server.jobs.queue, {
    wecom: new WeComDirectory(server.platforms.wecomClient()!),
    dingtalk: new DingTalkDirectory(server.platforms.dingtalkClient()!),
  });
  await settleJobs(db);
}

/** She joins the sandbox corp and the org sync runs: two users named 宋佳. */
export async function songJiaJoins(server: RunningServer, db: pg.Pool): Promise<void> {
  sandboxOf(server).state.org.addPerson({
    name: '宋佳',
    title: '出纳',
    departmentKey: 'finance',
    mobile: '13800100603',
    wecomUserId: 'SongJia',
    dingtalkUserId: '0100603',
    wecomMobileHidden: true,
  });
  await syncBothPlatforms(server, db);
}
