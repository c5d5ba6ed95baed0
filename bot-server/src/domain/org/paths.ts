import type { Department } from '@kelian/orm';

/**
 * Rewrites every department's materialised `path` ("/1/4/9/") from the `parentId` chain, after a
 * sync has added or moved departments. Only paths that differ are written.
 */
export function recomputePaths(departments: readonly Department[]): void {
  const byId = new Map(departments.map((d) => [d.id, d]));
  const paths = new Map<number, string>();
  const pathOf = (d: Department, below: Set<number>): string => {
    const known = paths.get(d.id);
    if (known) return known;
    const parent = d.parentId == null ? undefined : byId.get(d.parentId);
    // Two platforms that each own part of the tree could, for a moment, make a loop: the department
    // then counts as a top of the tree until the next sync, rather than the sync never ending.
    const prefix = parent && !below.has(parent.id) ? pathOf(parent, below.add(d.id)) : '/';
    const path = `${prefix}${d.id}/`;
    paths.set(d.id, path);
    return path;
  };
  for (const d of departments) {
    const path = pathOf(d, new Set());
    if (d.path !== path) d.path = path;
  }
}
