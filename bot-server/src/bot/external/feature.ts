import { type Acting, actingAs } from '../../domain/access/acting.js';
import { syncExternalContacts } from '../../domain/customers/external/full-sync.js';
import { linkFollower, unlinkFollower } from '../../domain/customers/external/link.js';
import type { ExternalContactSource } from '../../domain/customers/external/source.js';
import { findUserByPlatformId } from '../../domain/org/users.js';
import { syncCorpTags } from '../../domain/tags/corp-tags.js';
import type { JobQueue } from '../../jobs/queue.js';
import type { BotFeature } from '../../modules/contract.js';
import type { ExternalContactEvent } from '../../platforms/common.js';

// WeCom 客户联系 events (add / edit / del_external_contact / del_follow_user) become customer links.
// The event only queues a job, in the event's own transaction: the platform is asked about the
// contact (externalcontact/get) outside any transaction, with the job's retries.

export const externalContactJob = 'customers.external-contact';
export const externalSyncJob = 'customers.external-sync';

/** Queues a full sync of the external contacts (at start, and by an admin); one at a time. */
export async function enqueueExternalSync(queue: Pick<JobQueue, 'send'>): Promise<void> {
  await queue.send(externalSyncJob, {}, { singletonKey: externalSyncJob });
}

export type ExternalContactJob = Pick<ExternalContactEvent, 'change' | 'userId' | 'externalUserId' | 'state'>;

/** `source` is read at each run: the platform clients are built on first use. */
export const externalContactsFeature =
  (source: () => ExternalContactSource | undefined): BotFeature =>
  ({ bot, queue, orm, logger }) => {
    const log = logger.child({ component: 'external-contacts' });
    bot.on('external_contact', async (em, { change, userId, externalUserId, state }) => {
      await queue.send<ExternalContactJob>(
        externalContactJob,
        { change, userId, externalUserId, ...(state ? { state } : {}) },
        { em },
      );
    });
    queue.define<object>({
      name: externalSyncJob,
      policy: 'stately',
      handler: async () => {
        const contacts = source();
        if (!contacts) return log.warn('external contact sync skipped: WeCom is not configured');
        // Tags first: the contacts' tags are linked to them.
        log.info(await syncCorpTags(orm.em.fork(), await contacts.tagGroups()), 'corp tags synced');
        log.info(await syncExternalContacts(orm.em.fork(), contacts), 'external contacts synced');
      },
    });
    queue.define<ExternalContactJob>({
      name: externalContactJob,
      retryLimit: 5,
      handler: async (job) => {
        const contacts = source();
        if (!contacts)
          return log.warn({ change: job.change }, 'external contact skipped: WeCom is not configured');
        const em = orm.em.fork();
        const rep = await findUserByPlatformId(em, 'wecom', job.userId);
        // A member Kelian does not know yet (the org sync will bring them) has no customers to link.
        if (!rep)
          return log.info(
            { change: job.change },
            'external contact skipped: the member is not a Kelian user',
          );
        const acting: Acting = await actingAs(em, rep, 'sync');
        const contact = await contacts.get(job.externalUserId);
        if (job.change === 'add' || job.change === 'edit') {
          // The event's State is the 联系我 code this very add came through.
          const withState = contact && {
            ...contact,
            followers: contact.followers.map((f) =>
              f.userId === job.userId && job.state ? { ...f, state: job.state } : f,
            ),
          };
          if (withState?.followers.some((f) => f.userId === job.userId))
            await linkFollower(em, acting, withState, job.change === 'add');
        } else {
          await unlinkFollower(em, acting, job.externalUserId, contact);
        }
      },
    });
  };
