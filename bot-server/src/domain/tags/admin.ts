import { type Tag, type TagGroup, TagGroupSchema, TagSchema } from '@kelian/orm';
import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { NotVisibleError } from '../access/errors.js';
import { requireAdministration } from '../access/policy.js';
import { audit, auditCreated } from '../audit/audit.js';
import { changesBetween } from '../audit/changes.js';
import { InvalidInputError } from '../errors.js';
import type { TagMirror } from './mirror.js';

// The administrator's tag groups and tags. A group made here, and every group that mirrors a WeCom
// corp tag group, is kept the same in WeCom through the TagMirror (a job per change); groups that
// are only Kelian's stay Kelian's.

export interface NewTag {
  name: string;
  color?: string | null;
}

export interface NewTagGroup {
  name: string;
  exclusive?: boolean;
  tags: NewTag[];
}

const groupSnapshot = (g: TagGroup) => ({ name: g.name, exclusive: g.exclusive });
const tagSnapshot = (t: Tag) => ({ group: t.group.id, name: t.name, color: t.color ?? null });

function refuseNonAdmin(acting: Acting): void {
  requireAdministration(acting, 'tags');
}

async function groupFor(em: EntityManager, id: number, lock?: LockMode): Promise<TagGroup> {
  const group = await em.findOne(TagGroupSchema, id, lock ? { lockMode: lock } : {});
  if (!group) throw new NotVisibleError('tagGroup');
  return group;
}

async function tagFor(em: EntityManager, id: number): Promise<Tag> {
  const tag = await em.findOne(TagSchema, id, { populate: ['group'] });
  if (!tag) throw new NotVisibleError('tag');
  return tag;
}

async function refuseTakenGroupName(em: EntityManager, name: string, except?: number): Promise<void> {
  if (await em.count(TagGroupSchema, { name, ...(except ? { id: { $ne: except } } : {}) }))
    throw new InvalidInputError('name', `已有名为「${name}」的标签组`);
}

async function refuseTakenTagNames(
  em: EntityManager,
  group: TagGroup | undefined,
  names: string[],
  field: string,
) {
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  if (repeated.length) throw new InvalidInputError(field, `标签重复：${[...new Set(repeated)].join('、')}`);
  const taken = group ? await em.find(TagSchema, { group, name: { $in: names } }) : [];
  if (taken.length)
    throw new InvalidInputError(
      field,
      `「${group!.name}」组已有标签：${taken.map((t) => t.name).join('、')}`,
    );
}

export async function createTagGroup(
  em: EntityManager,
  acting: Acting,
  input: NewTagGroup,
  mirror: TagMirror,
): Promise<TagGroup> {
  refuseNonAdmin(acting);
  return em.transactional(async (tx) => {
    await refuseTakenGroupName(tx, input.name);
    await refuseTakenTagNames(
      tx,
      undefined,
      input.tags.map((t) => t.name),
      'tags',
    );
    const [last] = await tx.find(TagGroupSchema, {}, { orderBy: { sortOrder: 'desc' }, limit: 1 });
    const group = tx.create(TagGroupSchema, {
      name: input.name,
      exclusive: input.exclusive ?? false,
      sortOrder: (last?.sortOrder ?? 0) + 1,
    });
    await auditCreated(tx, acting, 'tagGroup', group, groupSnapshot);
    for (const [n, t] of input.tags.entries()) {
      const tag = tx.create(TagSchema, { group, name: t.name, color: t.color ?? null, sortOrder: n });
      await auditCreated(tx, acting, 'tag', tag, tagSnapshot);
    }
    await mirror.definitionsChanged(tx, { kind: 'push', groupId: group.id });
    return group;
  });
}

export async function addTag(
  em: EntityManager,
  acting: Acting,
  groupId: number,
  input: NewTag,
  mirror: TagMirror,
): Promise<Tag> {
  refuseNonAdmin(acting);
  return em.transactional(async (tx) => {
    const group = await groupFor(tx, groupId);
    await refuseTakenTagNames(tx, group, [input.name], 'name');
    const count = await tx.count(TagSchema, { group });
    const tag = tx.create(TagSchema, {
      group,
      name: input.name,
      color: input.color ?? null,
      sortOrder: count,
    });
    await auditCreated(tx, acting, 'tag', tag, tagSnapshot);
    if (group.wecomGroupId) await mirror.definitionsChanged(tx, { kind: 'push', groupId: group.id });
    return tag;
  });
}

export async function updateTagGroup(
  em: EntityManager,
  acting: Acting,
  id: number,
  patch: { name?: string; exclusive?: boolean },
  mirror: TagMirror,
): Promise<TagGroup> {
  refuseNonAdmin(acting);
  return em.transactional(async (tx) => {
    const group = await groupFor(tx, id);
    if (patch.name !== undefined) await refuseTakenGroupName(tx, patch.name, id);
    const before = groupSnapshot(group);
    tx.assign(group, Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)));
    const changes = changesBetween(before, groupSnapshot(group));
    if (Object.keys(changes).length)
      audit(tx, acting, { action: 'update', objectType: 'tagGroup', objectId: id, changes });
    await tx.flush();
    if (changes.name && group.wecomGroupId)
      await mirror.definitionsChanged(tx, {
        kind: 'rename',
        platformId: group.wecomGroupId,
        name: group.name,
      });
    return group;
  });
}

export async function updateTag(
  em: EntityManager,
  acting: Acting,
  id: number,
  patch: { name?: string; color?: string | null },
  mirror: TagMirror,
): Promise<Tag> {
  refuseNonAdmin(acting);
  return em.transactional(async (tx) => {
    const tag = await tagFor(tx, id);
    if (patch.name !== undefined && patch.name !== tag.name)
      await refuseTakenTagNames(tx, tag.group, [patch.name], 'name');
    const before = tagSnapshot(tag);
    tx.assign(tag, Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)));
    const changes = changesBetween(before, tagSnapshot(tag));
    if (Object.keys(changes).length)
      audit(tx, acting, { action: 'update', objectType: 'tag', objectId: id, changes });
    await tx.flush();
    if (changes.name && tag.wecomTagId)
      await mirror.definitionsChanged(tx, { kind: 'rename', platformId: tag.wecomTagId, name: tag.name });
    return tag;
  });
}

/** Deletes a tag (customers lose it) or a whole group with its tags. */
export async function deleteTags(
  em: EntityManager,
  acting: Acting,
  target: { tagId: number } | { groupId: number },
  mirror: TagMirror,
): Promise<void> {
  refuseNonAdmin(acting);
  await em.transactional(async (tx) => {
    // The group is locked before its tags, the order in which the mirror job writes their WeCom ids
    // (group, then tags): deleting the tags first deadlocked with a job that had just created them.
    let group: TagGroup | undefined;
    let tags: Tag[];
    if ('groupId' in target) {
      group = await groupFor(tx, target.groupId, LockMode.PESSIMISTIC_WRITE);
      tags = await tx.find(TagSchema, { group }, { populate: ['group'] });
    } else tags = [await tagFor(tx, target.tagId)];
    for (const tag of tags) {
      audit(tx, acting, {
        action: 'delete',
        objectType: 'tag',
        objectId: tag.id,
        changes: changesBetween(tagSnapshot(tag), {}),
      });
      tx.remove(tag);
    }
    if (group) {
      audit(tx, acting, {
        action: 'delete',
        objectType: 'tagGroup',
        objectId: group.id,
        changes: changesBetween(groupSnapshot(group), {}),
      });
      tx.remove(group);
    }
    await tx.flush();
    const tagIds = tags.flatMap((t) => (t.wecomTagId ? [t.wecomTagId] : []));
    const groupIds = group?.wecomGroupId ? [group.wecomGroupId] : [];
    if (tagIds.length + groupIds.length > 0)
      await mirror.definitionsChanged(tx, {
        kind: 'delete',
        tagIds: group?.wecomGroupId ? [] : tagIds,
        groupIds,
      });
  });
}
