import type { EntityManager } from '@mikro-orm/postgresql';
import { AssignmentRuleSchema } from '../entities/assignment-rule.js';
import type { Department } from '../entities/department.js';
import type { DemoDepartmentKey } from './org-data.js';

// The demo company routes leads by province to the team that covers it; each team claims its
// leads from the card in its group. Anything else waits in the pool (公海).
const demoRules: { team: DemoDepartmentKey; name: string; regions: string[] }[] = [
  { team: 'north', name: '华北地区', regions: ['北京', '天津', '河北', '山西', '内蒙古'] },
  { team: 'east', name: '华东地区', regions: ['上海', '江苏', '浙江', '山东', '安徽', '江西'] },
  { team: 'south', name: '华南地区', regions: ['广东', '广西', '福建', '海南'] },
];

export function createAssignmentRules(em: EntityManager, departments: Map<DemoDepartmentKey, Department>) {
  demoRules.forEach((rule, i) => {
    em.create(AssignmentRuleSchema, {
      name: rule.name,
      position: i + 1,
      regions: rule.regions,
      team: departments.get(rule.team)!,
      strategy: 'claim',
      recycleAfterDays: 7,
    });
  });
}
