// 客户联系 reads: one external contact with all its followers, and every contact of a set of
// members (the full sync). external-contacts.ts turns them into the domain's contact source.
import type { ExternalContactDetail, ExternalContactFollow } from './api-types.js';
import { LIMITS } from './limits.js';
import { type Reply, requireArray, requireObject } from './reply-fields.js';
import type { WeComTransport } from './transport.js';

export class WeComExternalContactApi {
  constructor(private readonly transport: WeComTransport) {}

  /** externalcontact/get, following next_cursor when the customer has more than 500 followers. */
  async getExternalContact(externalUserId: string): Promise<ExternalContactDetail> {
    let cursor = '';
    let detail: ExternalContactDetail | undefined;
    do {
      const reply = await this.transport.get<Reply>('externalcontact/get', {
        external_userid: externalUserId,
        ...(cursor ? { cursor } : {}),
      });
      const followers = requireArray(
        reply,
        'follow_user',
        'externalcontact/get',
      ) as ExternalContactDetail['follow_user'];
      const contact = requireObject(reply, 'external_contact', 'externalcontact/get');
      detail = {
        external_contact: contact as ExternalContactDetail['external_contact'],
        follow_user: [...(detail?.follow_user ?? []), ...followers],
      };
      cursor = typeof reply.next_cursor === 'string' ? reply.next_cursor : '';
    } while (cursor);
    return detail;
  }

  /**
   * Every (customer, follower) pair of the given members, page by page through
   * externalcontact/batch/get_by_user (≤100 members per request, cursor until empty): the full sync.
   */
  async *externalContactsByUser(userIds: readonly string[]): AsyncGenerator<ExternalContactFollow> {
    for (let start = 0; start < userIds.length; start += LIMITS.batchUsers) {
      const batch = userIds.slice(start, start + LIMITS.batchUsers);
      let cursor = '';
      do {
        const reply = await this.transport.post<Reply>('externalcontact/batch/get_by_user', {
          userid_list: batch,
          cursor,
          limit: LIMITS.batchUsers,
        });
        yield* requireArray(
          reply,
          'external_contact_list',
          'externalcontact/batch/get_by_user',
        ) as ExternalContactFollow[];
        cursor = typeof reply.next_cursor === 'string' ? reply.next_cursor : '';
      } while (cursor);
    }
  }
}
