import { type Tag, TagSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import { InvalidInputError } from '../errors.js';

/** The tags with these ids, refusing unknown ids and two tags of a group that allows only one. */
export async function tagsFor(em: EntityManager, ids: number[]): Promise<Tag[]> {
  const unique = [...new Set(ids)];
  const tags = await em.find(TagSchema, { id: { $in: unique } }, { populate: ['group'] });
  const missing = unique.filter((id) => !tags.some((t) => t.id === id));
  if (missing.length > 0) throw new InvalidInputError('tagIds', `标签不存在：${missing.join('、')}`);
  for (const tag of tags) {
    const sameGroup = tags.filter((t) => t.group.id === tag.group.id);
    if (tag.group.exclusive && sameGroup.length > 1)
      throw new InvalidInputError(
        'tagIds',
        `「${tag.group.name}」组的标签只能选一个，现在选了：${sameGroup.map((t) => t.name).join('、')}`,
      );
  }
  return tags;
}
