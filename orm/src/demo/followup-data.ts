import type { EntityManager } from '@mikro-orm/postgresql';
import { FollowUpRuleSchema } from '../entities/follow-up-rule.js';

// The demo company's follow-up rules, the kinds PRODUCT.md names. Rules apply from their creation
// on, so the demo's past follow-ups fire nothing; the renewal rule reads a custom date field (no
// contracts table yet); the pool rule is off, or the first start would hand half the demo
// customers back to the pool (an admin can switch it on).
export function createFollowUpRules(em: EntityManager) {
  em.create(FollowUpRuleSchema, {
    name: '首次跟进后 3 天回访',
    object: 'customer',
    trigger: 'event',
    event: 'first_follow_up',
    offsetDays: 3,
    action: 'task',
    taskTitle: '回访',
  });
  em.create(FollowUpRuleSchema, {
    name: '合同到期前 15 天续约提醒',
    object: 'customer',
    trigger: 'date',
    dateField: 'customFields.合同到期日',
    offsetDays: -15,
    action: 'task',
    taskTitle: '续约提醒',
  });
  em.create(FollowUpRuleSchema, {
    name: '30 天未跟进退回公海',
    enabled: false,
    object: 'customer',
    trigger: 'inactivity',
    offsetDays: 30,
    action: 'pool',
  });
}
