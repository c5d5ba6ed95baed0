import type {
  ExternalContactRecord,
  ExternalContactSource,
  PlatformTagGroup,
} from '../../domain/customers/external/source.js';
import type { CorpTagGroup, ExternalContact, FollowUser } from './api-types.js';
import type { WeComClient } from './client.js';
import { WeComApiError } from './errors.js';

// WeCom 客户联系 (externalcontact/get) as the domain's source of external contacts.

/** externalcontact/get: invalid external_userid, or no member follows the contact any more. */
const NO_SUCH_CONTACT = new Set([40096, 84061]);

export class WeComExternalContacts implements ExternalContactSource {
  constructor(private readonly client: WeComClient) {}

  /** The source over the WeCom client, when WeCom is configured. */
  static of(client: WeComClient | undefined): WeComExternalContacts | undefined {
    return client && new WeComExternalContacts(client);
  }

  async get(externalUserId: string): Promise<ExternalContactRecord | undefined> {
    try {
      const { external_contact: contact, follow_user: followers } =
        await this.client.getExternalContact(externalUserId);
      return toRecord(
        contact,
        followers.map((f) => ({ ...f, tagIds: corpTagIds(f) })),
      );
    } catch (error) {
      if (error instanceof WeComApiError && NO_SUCH_CONTACT.has(error.errcode)) return undefined;
      throw error;
    }
  }

  async *followedBy(userIds: readonly string[]): AsyncIterable<ExternalContactRecord> {
    for await (const { external_contact, follow_info } of this.client.externalContactsByUser(userIds))
      yield toRecord(external_contact, [{ ...follow_info, tagIds: follow_info.tag_id ?? [] }]);
  }

  async tagGroups(): Promise<PlatformTagGroup[]> {
    return (await this.client.getCorpTags()).filter((g) => !g.deleted).map(toTagGroup);
  }

  async addTags(group: { id: string } | { name: string }, names: string[]): Promise<PlatformTagGroup> {
    const added = await this.client.addCorpTags({
      ...('id' in group ? { groupId: group.id } : { groupName: group.name }),
      tags: names.map((name) => ({ name })),
    });
    return toTagGroup(added);
  }

  async renameTag(id: string, name: string): Promise<void> {
    await this.client.editCorpTag({ id, name });
  }

  async orderTags(orders: { id: string; order: number }[]): Promise<void> {
    for (const { id, order } of orders) await this.client.editCorpTag({ id, order });
  }

  async deleteTags(tagIds: string[], groupIds: string[]): Promise<void> {
    try {
      await this.client.deleteCorpTags({ tagIds, groupIds });
    } catch (error) {
      // 40068: an id WeCom no longer has (deleted there, or by an earlier try of this very job).
      if (!(error instanceof WeComApiError && error.errcode === 40068)) throw error;
    }
  }

  async markTags(userId: string, externalUserId: string, add: string[], remove: string[]): Promise<void> {
    await this.client.markTags({ userId, externalUserId, add, remove });
  }
}

const toTagGroup = (g: CorpTagGroup): PlatformTagGroup => ({
  id: g.group_id,
  name: g.group_name,
  order: g.order ?? 0,
  tags: g.tag.filter((t) => !t.deleted).map((t) => ({ id: t.id, name: t.name, order: t.order ?? 0 })),
});

/** externalcontact/get lists a follower's tags with their kind: 1 is a corp tag, the only kind synced. */
const corpTagIds = (f: FollowUser) =>
  (f.tags ?? [])
    .filter((t) => t.type === undefined || t.type === 1)
    .flatMap((t) => (t.tag_id ? [t.tag_id] : []));

function toRecord(
  contact: ExternalContact,
  followers: (Pick<FollowUser, 'userid' | 'remark_mobiles' | 'state'> & { tagIds: string[] })[],
): ExternalContactRecord {
  return {
    externalUserId: contact.external_userid,
    name: contact.name,
    corpName: contact.corp_full_name || contact.corp_name || null,
    followers: followers.map((f) => ({
      userId: f.userid,
      mobiles: f.remark_mobiles ?? [],
      state: f.state || null,
      tagIds: f.tagIds,
    })),
  };
}
