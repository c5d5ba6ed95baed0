import type { ExternalContactRecord, ExternalContactSource } from '../../domain/customers/external/source.js';
import type { ExternalContact, FollowUser } from './api-types.js';
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
      return toRecord(contact, followers);
    } catch (error) {
      if (error instanceof WeComApiError && NO_SUCH_CONTACT.has(error.errcode)) return undefined;
      throw error;
    }
  }

  async *followedBy(userIds: readonly string[]): AsyncIterable<ExternalContactRecord> {
    for await (const { external_contact, follow_info } of this.client.externalContactsByUser(userIds))
      yield toRecord(external_contact, [follow_info]);
  }
}

function toRecord(
  contact: ExternalContact,
  followers: Pick<FollowUser, 'userid' | 'remark_mobiles' | 'state'>[],
): ExternalContactRecord {
  return {
    externalUserId: contact.external_userid,
    name: contact.name,
    corpName: contact.corp_full_name || contact.corp_name || null,
    followers: followers.map((f) => ({
      userId: f.userid,
      mobiles: f.remark_mobiles ?? [],
      state: f.state || null,
    })),
  };
}
