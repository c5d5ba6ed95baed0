import { DepartmentSchema, UserSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { requireAdministration } from '../access/policy.js';

// The org tree as the administrator picks from it: to list a department's people, and to anchor a
// department scope somewhere other than the person's own department.

export interface DepartmentEntry {
  id: number;
  name: string;
  parentId: number | null;
  /** 0 for the top of the tree. */
  depth: number;
  /** Active people whose own department it is. */
  members: number;
}

/** Every department, each after its parent, siblings in the platform's order. */
export async function departmentTree(em: EntityManager, acting: Acting): Promise<DepartmentEntry[]> {
  requireAdministration(acting, 'roles');
  const departments = await em.find(DepartmentSchema, {}, { orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }] });
  const people = await em.find(
    UserSchema,
    { active: true, department: { $ne: null } },
    { fields: ['department'] },
  );
  const members = new Map<number, number>();
  for (const p of people) members.set(p.department!.id, (members.get(p.department!.id) ?? 0) + 1);
  const known = new Set(departments.map((d) => d.id));
  const below = (parentId: number | null, depth: number): DepartmentEntry[] =>
    departments
      .filter((d) => (d.parentId != null && known.has(d.parentId) ? d.parentId : null) === parentId)
      .flatMap((d) => [
        { id: d.id, name: d.name, parentId, depth, members: members.get(d.id) ?? 0 },
        ...below(d.id, depth + 1),
      ]);
  return below(null, 0);
}
