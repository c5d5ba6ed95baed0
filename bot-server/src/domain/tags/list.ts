import { type Tag, type TagGroup, TagGroupSchema, TagSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';

export interface TagGroupWithTags {
  group: TagGroup;
  tags: Tag[];
}

/** Every tag group with its tags, in their order: what pickers and filters offer. */
export async function listTagGroups(em: EntityManager): Promise<TagGroupWithTags[]> {
  const groups = await em.find(TagGroupSchema, {}, { orderBy: { sortOrder: 'asc', id: 'asc' } });
  const tags = await em.find(TagSchema, {}, { orderBy: { sortOrder: 'asc', id: 'asc' } });
  return groups.map((group) => ({ group, tags: tags.filter((t) => t.group.id === group.id) }));
}
