// 企业客户标签: the corp's tag groups and tags, and marking them on an external contact.
import type { CorpTagGroup } from './api-types.js';
import { WeComLimitError } from './errors.js';
import { type Reply, requireArray, requireObject } from './reply-fields.js';
import type { WeComTransport } from './transport.js';

export interface NewCorpTags {
  groupId?: string;
  groupName?: string;
  order?: number;
  tags: { name: string; order?: number }[];
}

export class WeComCorpTags {
  constructor(private readonly transport: WeComTransport) {}

  async getCorpTags(filter: { tagIds?: string[]; groupIds?: string[] } = {}): Promise<CorpTagGroup[]> {
    const reply = await this.transport.post<Reply>('externalcontact/get_corp_tag_list', {
      ...(filter.tagIds ? { tag_id: filter.tagIds } : {}),
      ...(filter.groupIds ? { group_id: filter.groupIds } : {}),
    });
    return requireArray(reply, 'tag_group', 'externalcontact/get_corp_tag_list') as CorpTagGroup[];
  }

  /** Adds tags to the group `groupId`, or to a group `groupName` created on the fly. */
  async addCorpTags(input: NewCorpTags): Promise<CorpTagGroup> {
    if (input.groupId === undefined && input.groupName === undefined) {
      throw new WeComLimitError('add_corp_tag needs a groupId or a groupName');
    }
    const reply = await this.transport.post<Reply>('externalcontact/add_corp_tag', {
      ...(input.groupId !== undefined ? { group_id: input.groupId } : {}),
      ...(input.groupName !== undefined ? { group_name: input.groupName } : {}),
      ...(input.order !== undefined ? { order: input.order } : {}),
      tag: input.tags,
    });
    return requireObject(reply, 'tag_group', 'externalcontact/add_corp_tag') as CorpTagGroup;
  }

  /** Renames (and reorders) a tag or a tag group: `id` may be either. */
  async editCorpTag(input: { id: string; name?: string; order?: number }): Promise<void> {
    await this.transport.post('externalcontact/edit_corp_tag', {
      id: input.id,
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.order !== undefined ? { order: input.order } : {}),
    });
  }

  /** Deletes tags and whole groups; WeCom also drops a group whose last tag goes. */
  async deleteCorpTags(input: { tagIds?: string[]; groupIds?: string[] }): Promise<void> {
    if (!input.tagIds?.length && !input.groupIds?.length)
      throw new WeComLimitError('del_corp_tag needs tag or group ids');
    await this.transport.post('externalcontact/del_corp_tag', {
      tag_id: input.tagIds ?? [],
      group_id: input.groupIds ?? [],
    });
  }

  async markTags(input: {
    userId: string;
    externalUserId: string;
    add?: string[];
    remove?: string[];
  }): Promise<void> {
    if (!input.add?.length && !input.remove?.length)
      throw new WeComLimitError('mark_tag needs tags to add or remove');
    await this.transport.post('externalcontact/mark_tag', {
      userid: input.userId,
      external_userid: input.externalUserId,
      add_tag: input.add ?? [],
      remove_tag: input.remove ?? [],
    });
  }
}
