import { type Department, DepartmentSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';

// Interim routing of leads by province to the sales team that covers it, matched to departments by
// name. The configurable, ordered assignment rules (region, source, industry; round-robin and
// least-loaded inside a team) replace this table with the sales-core work.
const teamsByRegion: { regions: string[]; team: string }[] = [
  { regions: ['北京', '天津', '河北', '山西', '内蒙古'], team: '华北销售部' },
  { regions: ['上海', '江苏', '浙江', '山东', '安徽', '江西'], team: '华东销售部' },
  { regions: ['广东', '广西', '福建', '海南'], team: '华南销售部' },
];

/** The team a lead from `region` goes to, or null for the claim pool (公海). */
export async function teamForRegion(em: EntityManager, region: string | null): Promise<Department | null> {
  const name = region
    ? teamsByRegion.find((r) => r.regions.some((x) => region.startsWith(x)))?.team
    : undefined;
  return name ? em.findOne(DepartmentSchema, { name }) : null;
}
