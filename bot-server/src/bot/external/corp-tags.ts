import { CustomerSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ExternalContactSource } from '../../domain/customers/external/source.js';
import { platformTagChanges, pushTagGroup, syncCorpTags } from '../../domain/tags/corp-tags.js';
import type { TagDefinitionChange, TagMirror } from '../../domain/tags/mirror.js';
import type { JobQueue } from '../../jobs/queue.js';
import type { BotFeature } from '../../modules/contract.js';

// WeCom corp tags both ways: the tag list follows WeCom (at start, before the contacts, and on
// every change_external_tag event), and a customer's tags changed in Kelian are marked on the
// owner's follow in WeCom (mark_tag), by comparing with what WeCom shows, so a retry or a second
// job for the same customer adds and removes nothing twice.

export const corpTagSyncJob = 'customers.corp-tags';
export const markTagsJob = 'customers.mark-tags';
export const tagDefinitionsJob = 'customers.corp-tag-definitions';

/** The domain's TagMirror: a mark-tags job per change, in the change's transaction. */
export class QueueTagMirror implements TagMirror {
  constructor(private readonly queue: Pick<JobQueue, 'send'>) {}

  async customerTagsChanged(em: EntityManager, customerId: number): Promise<void> {
    await this.queue.send(markTagsJob, { customerId }, { em });
  }

  async definitionsChanged(em: EntityManager, change: TagDefinitionChange): Promise<void> {
    await this.queue.send(tagDefinitionsJob, change, { em });
  }
}

export const corpTagsFeature =
  (source: () => ExternalContactSource | undefined): BotFeature =>
  ({ bot, queue, orm, logger }) => {
    const log = logger.child({ component: 'corp-tags' });
    bot.on('external_tags', async (em) => {
      await queue.send(corpTagSyncJob, {}, { em, singletonKey: corpTagSyncJob });
    });
    queue.define<object>({
      name: corpTagSyncJob,
      policy: 'stately',
      retryLimit: 5,
      handler: async () => {
        const contacts = source();
        if (!contacts) return;
        log.info(await syncCorpTags(orm.em.fork(), await contacts.tagGroups()), 'corp tags synced');
      },
    });
    queue.define<TagDefinitionChange>({
      name: tagDefinitionsJob,
      retryLimit: 8,
      handler: async (change) => {
        const contacts = source();
        if (!contacts) return;
        if (change.kind === 'push') await pushTagGroup(orm.em.fork(), contacts, change.groupId);
        else if (change.kind === 'rename') await contacts.renameTag(change.platformId, change.name);
        else if (change.kind === 'order')
          await contacts.orderTags(change.orders.map((o) => ({ id: o.platformId, order: o.order })));
        else await contacts.deleteTags(change.tagIds, change.groupIds);
        log.info({ change: change.kind }, 'tag definitions mirrored to WeCom');
      },
    });
    queue.define<{ customerId: number }>({
      name: markTagsJob,
      retryLimit: 8,
      handler: async ({ customerId }) => {
        const contacts = source();
        if (!contacts) return;
        const em = orm.em.fork();
        const customer = await em.findOne(CustomerSchema, customerId, { populate: ['owner', 'tags'] });
        const externalUserId = customer?.wecomExternalUserId;
        const ownerId = customer?.owner?.wecomUserId;
        if (!customer || !externalUserId || !ownerId) return;
        const follower = (await contacts.get(externalUserId))?.followers.find((f) => f.userId === ownerId);
        // The owner no longer follows the contact in WeCom: there is no follow to tag.
        if (!follower)
          return log.info({ customerId }, 'tags not marked: the owner does not follow the contact');
        const { add, remove } = await platformTagChanges(em, customer, follower.tagIds);
        if (add.length + remove.length === 0) return;
        await contacts.markTags(ownerId, externalUserId, add, remove);
        log.info({ customerId, add: add.length, remove: remove.length }, 'customer tags marked in WeCom');
      },
    });
  };
