import { TagGroupSchema, TagSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { NotVisibleError } from '../access/errors.js';
import { requireAdministration } from '../access/policy.js';
import { audit } from '../audit/audit.js';
import { changesBetween } from '../audit/changes.js';
import { InvalidInputError } from '../errors.js';
import type { TagMirror } from './mirror.js';

// The order pickers and filters offer tag groups, and the tags within a group, in: the admin lists
// them all in their new order. WeCom governs the order of the corp tags Kelian mirrors (the sync
// takes its `order`), so a mirrored one that moves gets its new place there too, by the same job
// as a rename.

/**
 * Each record moved gets its new place, audited as a change of 排序, and WeCom the same for the
 * mirrored ones; records in place stay untouched.
 */
async function reorder<T extends { id: number; sortOrder: number }>(
  em: EntityManager,
  acting: Acting,
  objectType: 'tagGroup' | 'tag',
  records: T[],
  ids: number[],
  /** The mirrored WeCom corp tag or group. */
  platformIdOf: (record: T) => string | null | undefined,
  mirror: TagMirror,
): Promise<void> {
  const moved: { platformId: string; order: number }[] = [];
  for (const [position, id] of ids.entries()) {
    const record = records.find((r) => r.id === id)!;
    if (record.sortOrder === position) continue;
    const changes = changesBetween({ position: record.sortOrder }, { position });
    record.sortOrder = position;
    audit(em, acting, { action: 'update', objectType, objectId: id, changes });
    const platformId = platformIdOf(record);
    if (platformId) moved.push({ platformId, order: position });
  }
  await em.flush();
  if (moved.length > 0) await mirror.definitionsChanged(em, { kind: 'order', orders: moved });
}

function refuseIncomplete(records: { id: number }[], ids: number[], whole: string): void {
  const known = new Set(records.map((r) => r.id));
  if (ids.length !== known.size || new Set(ids).size !== ids.length || ids.some((id) => !known.has(id)))
    throw new InvalidInputError('ids', `请按新的顺序列出${whole}，每个一次`);
}

export async function reorderTagGroups(
  em: EntityManager,
  acting: Acting,
  ids: number[],
  mirror: TagMirror,
): Promise<void> {
  requireAdministration(acting, 'tags');
  await em.transactional(async (tx) => {
    const groups = await tx.find(TagGroupSchema, {});
    refuseIncomplete(groups, ids, '全部标签组');
    await reorder(tx, acting, 'tagGroup', groups, ids, (g) => g.wecomGroupId, mirror);
  });
}

export async function reorderTags(
  em: EntityManager,
  acting: Acting,
  groupId: number,
  ids: number[],
  mirror: TagMirror,
): Promise<void> {
  requireAdministration(acting, 'tags');
  await em.transactional(async (tx) => {
    const group = await tx.findOne(TagGroupSchema, groupId);
    if (!group) throw new NotVisibleError('tagGroup');
    const tags = await tx.find(TagSchema, { group });
    refuseIncomplete(tags, ids, `「${group.name}」组的全部标签`);
    await reorder(tx, acting, 'tag', tags, ids, (t) => t.wecomTagId, mirror);
  });
}
