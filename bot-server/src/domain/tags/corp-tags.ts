import { type Customer, type Tag, TagGroupSchema, TagSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ExternalContactSource, PlatformTagGroup } from '../customers/external/source.js';

// WeCom's corp customer tags (企业客户标签) are mirrored as Kelian tag groups and tags, linked by
// wecomGroupId / wecomTagId. WeCom governs the mirrored ones (names, order, existence); tags made
// only in Kelian are Kelian's and left alone. A Kelian group or tag of the same name is linked
// rather than duplicated, so a company that set up tags in both places ends up with one set.

export interface CorpTagSyncResult {
  groups: number;
  tags: number;
  removed: number;
}

export async function syncCorpTags(
  em: EntityManager,
  groups: PlatformTagGroup[],
): Promise<CorpTagSyncResult> {
  return em.transactional(async (tx) => {
    const result: CorpTagSyncResult = { groups: groups.length, tags: 0, removed: 0 };
    const keptTags = new Set<string>();
    for (const platform of groups) {
      const group =
        (await tx.findOne(TagGroupSchema, { wecomGroupId: platform.id })) ??
        (await tx.findOne(TagGroupSchema, { name: platform.name, wecomGroupId: null })) ??
        tx.create(TagGroupSchema, { name: platform.name });
      tx.assign(group, { name: platform.name, sortOrder: platform.order, wecomGroupId: platform.id });
      for (const t of platform.tags) {
        const tag =
          (await tx.findOne(TagSchema, { wecomTagId: t.id })) ??
          (await tx.findOne(TagSchema, { group, name: t.name, wecomTagId: null })) ??
          tx.create(TagSchema, { group, name: t.name });
        tx.assign(tag, { group, name: t.name, sortOrder: t.order, wecomTagId: t.id });
        keptTags.add(t.id);
        result.tags += 1;
      }
      await tx.flush();
    }
    // Gone from WeCom: the mirrored tag goes (and with it from every customer), then empty groups.
    const gone = await tx.find(TagSchema, { wecomTagId: { $ne: null, $nin: [...keptTags] } });
    result.removed = gone.length;
    for (const tag of gone) tx.remove(tag);
    const keptGroups = groups.map((g) => g.id);
    for (const group of await tx.find(TagGroupSchema, { wecomGroupId: { $ne: null, $nin: keptGroups } }))
      if ((await tx.count(TagSchema, { group, wecomTagId: null })) === 0) tx.remove(group);
      else group.wecomGroupId = null;
    await tx.flush();
    return result;
  });
}

/**
 * The customer's tags with the WeCom-governed ones as the owner's follow carries them: Kelian-only
 * tags stay, mirrored tags come and go with `platformTagIds`. Returns whether anything changed.
 */
export async function applyFollowerTags(
  em: EntityManager,
  customer: Customer,
  platformTagIds: readonly string[],
): Promise<boolean> {
  const current = customer.tags.getItems();
  const mirrored = platformTagIds.length
    ? await em.find(TagSchema, { wecomTagId: { $in: [...platformTagIds] } }, { populate: ['group'] })
    : [];
  const wanted: Tag[] = [...current.filter((t) => !t.wecomTagId), ...mirrored];
  const same = wanted.length === current.length && wanted.every((t) => current.some((c) => c.id === t.id));
  if (!same) customer.tags.set(wanted);
  return !same;
}

/** What to add and remove on the platform so the owner's follow shows the customer's mirrored tags. */
export async function platformTagChanges(
  em: EntityManager,
  customer: Customer,
  platformTagIds: readonly string[],
): Promise<{ add: string[]; remove: string[] }> {
  const wanted = customer.tags.getItems().flatMap((t) => (t.wecomTagId ? [t.wecomTagId] : []));
  const known = new Set(
    (await em.find(TagSchema, { wecomTagId: { $in: [...platformTagIds] } })).map((t) => t.wecomTagId!),
  );
  return {
    add: wanted.filter((id) => !platformTagIds.includes(id)),
    // Only tags Kelian mirrors: a tag Kelian does not know (made since the last sync) stays.
    remove: platformTagIds.filter((id) => known.has(id) && !wanted.includes(id)),
  };
}

/**
 * Creates on the platform what a Kelian group lacks there: the group itself (with its tags) or the
 * tags added since, and keeps the platform's ids. Run again, it finds nothing missing.
 */
export async function pushTagGroup(
  em: EntityManager,
  platform: Pick<ExternalContactSource, 'addTags'>,
  groupId: number,
): Promise<void> {
  const group = await em.findOne(TagGroupSchema, groupId);
  if (!group) return;
  const tags = await em.find(TagSchema, { group }, { orderBy: { sortOrder: 'asc', id: 'asc' } });
  const missing = tags.filter((t) => !t.wecomTagId);
  // Nothing to create; a new group without tags waits for its first one (WeCom needs one).
  if (missing.length === 0) return;
  const created = await platform.addTags(
    group.wecomGroupId ? { id: group.wecomGroupId } : { name: group.name },
    missing.map((t) => t.name),
  );
  group.wecomGroupId = created.id;
  for (const tag of missing) tag.wecomTagId = created.tags.find((t) => t.name === tag.name)?.id ?? null;
  await em.flush();
}
