import { type Department, DepartmentSchema } from '@kelian/orm';
import type { DirectoryDepartment } from './directory.js';
import { patch } from './patch.js';
import type { PlatformName } from './platform-name.js';
import type { OrgState } from './state.js';

/** Whether a platform id a Kelian record still carries is gone from the platform. */
export type Stale = (platformId: string) => boolean;

/**
 * Brings one platform's departments into Kelian's single tree, parents before children. A platform
 * department is, in this order: the Kelian department linked to its id; else the one with the same
 * name under the same (already matched) parent, so both platforms' trees converge on one Kelian
 * tree; else a new department. A Kelian department linked to another id of the same platform is
 * only taken over when that id is stale. Kelian never deletes a department here: people, customers
 * and role scopes hang on it.
 */
export async function applyDepartments(
  org: OrgState,
  platform: PlatformName,
  departments: readonly DirectoryDepartment[],
  stale: Stale,
): Promise<void> {
  for (const level of byDepth(departments)) {
    for (const department of level) applyDepartment(org, platform, department, stale);
    // The next level's parents need the ids of the departments created on this one.
    await org.em.flush();
  }
}

/** Departments gone from the platform lose their link to it, nothing else. */
export function unlinkDepartments(org: OrgState, platform: PlatformName, gone: Stale): void {
  for (const record of org.allDepartments) {
    const id = org.departments.idOf(record, platform);
    if (id === undefined || !gone(id)) continue;
    org.departments.link(record, platform, undefined);
    org.report.departments.unlinked++;
  }
}

function applyDepartment(org: OrgState, platform: PlatformName, d: DirectoryDepartment, stale: Stale) {
  const { departments: index, report } = org;
  // null: the top of the tree; undefined: a parent Kelian does not know (yet).
  const parent = d.parentId === undefined ? null : index.find(platform, d.parentId);
  let record = index.find(platform, d.id);
  if (!record) {
    record = sameDepartment(org, platform, d, parent, stale);
    if (record) {
      index.link(record, platform, d.id);
      report.departments.linked++;
    }
  }
  if (!record) {
    const created = org.em.create(DepartmentSchema, {
      name: d.name,
      parentId: parent?.id ?? null,
      path: '/',
      sortOrder: d.order,
    });
    org.addDepartment(created);
    index.link(created, platform, d.id);
    report.departments.created++;
    return;
  }
  if (org.ownerOf(index, record) !== platform) return;
  const moved = parent === undefined ? {} : { parentId: parent?.id ?? null };
  if (patch(record, { name: d.name, sortOrder: d.order, ...moved })) report.departments.updated++;
}

function sameDepartment(
  org: OrgState,
  platform: PlatformName,
  d: DirectoryDepartment,
  parent: Department | null | undefined,
  stale: Stale,
): Department | undefined {
  const free = (record: Department) => {
    const id = org.departments.idOf(record, platform);
    return id === undefined || stale(id);
  };
  if (parent === undefined) return undefined;
  const candidates = org.childrenOf(parent?.id ?? null).filter(free);
  const named = candidates.find((record) => record.name === d.name);
  // The company itself is often named differently on each platform (short name, registered name).
  return named ?? (parent === null && candidates.length === 1 ? candidates[0] : undefined);
}

/** The departments grouped by depth within the list, so each level's parents come first. */
function byDepth(departments: readonly DirectoryDepartment[]): DirectoryDepartment[][] {
  const byId = new Map(departments.map((d) => [d.id, d]));
  const depths = new Map<string, number>();
  const depthOf = (d: DirectoryDepartment, below: Set<string>): number => {
    const known = depths.get(d.id);
    if (known !== undefined) return known;
    const parent = d.parentId === undefined ? undefined : byId.get(d.parentId);
    const depth = parent && !below.has(parent.id) ? depthOf(parent, below.add(d.id)) + 1 : 0;
    depths.set(d.id, depth);
    return depth;
  };
  const levels: DirectoryDepartment[][] = [];
  for (const d of departments) {
    const depth = depthOf(d, new Set());
    levels[depth] = [...(levels[depth] ?? []), d];
  }
  return levels;
}
