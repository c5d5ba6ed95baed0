import {
  CustomFieldDefinitionSchema,
  type FollowUpRule,
  FollowUpRuleSchema,
  type RuleAction,
  type RuleObject,
  type RuleTrigger,
} from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { NotVisibleError } from '../access/errors.js';
import { requireAdministration } from '../access/policy.js';
import { audit, auditCreated } from '../audit/audit.js';
import { changesBetween } from '../audit/changes.js';
import { InvalidInputError } from '../errors.js';
import { customFieldKey, objectKinds } from './rule-kinds.js';

// The admin's follow-up rules. The shape of a request is checked by the API; here, what needs the
// rule as a whole (and the data): the event exists for the object, the date field is a date, a task
// rule names its task, only customers go back to the pool.

export type RuleInput = {
  name: string;
  enabled: boolean;
  object: RuleObject;
  trigger: RuleTrigger;
  event: string | null;
  dateField: string | null;
  offsetDays: number;
  action: RuleAction;
  taskTitle: string | null;
};

const objectLabels: Record<RuleObject, string> = { customer: '客户', lead: '线索', opportunity: '商机' };

function refuseNonAdmin(acting: Acting) {
  requireAdministration(acting, 'followUpRules');
}

async function checked(em: EntityManager, input: RuleInput): Promise<RuleInput> {
  const kind = objectKinds[input.object];
  const label = objectLabels[input.object];
  if (input.trigger === 'event') {
    const known = Object.entries(kind.events).map(([k, e]) => `${k}（${e.label}）`);
    if (!input.event || !kind.events[input.event])
      throw new InvalidInputError('event', `${label}的事件应为：${known.join('、')}`);
  }
  if (input.trigger === 'date') {
    const key = input.dateField && customFieldKey(input.dateField);
    const definition =
      key && (await em.findOne(CustomFieldDefinitionSchema, { object: input.object, key, type: 'date' }));
    if (!input.dateField || !(kind.dates[input.dateField] || definition)) {
      const columns = Object.entries(kind.dates).map(([k, d]) => `${k}（${d.label}）`);
      throw new InvalidInputError(
        'dateField',
        `日期字段应为${[...columns, `customFields.<${label}的日期型自定义字段>`].join('、')}`,
      );
    }
  }
  if (input.trigger === 'inactivity' && input.offsetDays < 1)
    throw new InvalidInputError('offsetDays', '不活跃天数至少为 1 天');
  if (input.action === 'task' && !input.taskTitle)
    throw new InvalidInputError('taskTitle', '创建待办的规则需要填写待办标题');
  if (input.action === 'pool' && input.object !== 'customer')
    throw new InvalidInputError('action', '只有客户可以退回公海');
  return {
    ...input,
    event: input.trigger === 'event' ? input.event : null,
    dateField: input.trigger === 'date' ? input.dateField : null,
    taskTitle: input.action === 'task' ? input.taskTitle : null,
  };
}

export async function listRules(em: EntityManager, acting: Acting): Promise<FollowUpRule[]> {
  refuseNonAdmin(acting);
  return em.find(FollowUpRuleSchema, {}, { orderBy: { id: 'asc' } });
}

async function ruleFor(em: EntityManager, id: number): Promise<FollowUpRule> {
  const rule = await em.findOne(FollowUpRuleSchema, { id });
  if (!rule) throw new NotVisibleError('rule');
  return rule;
}

export async function createRule(em: EntityManager, acting: Acting, input: RuleInput): Promise<FollowUpRule> {
  refuseNonAdmin(acting);
  return em.transactional(async (tx) => {
    const rule = tx.create(FollowUpRuleSchema, await checked(tx, input));
    await auditCreated(tx, acting, 'followUpRule', rule, ruleInputOf);
    return rule;
  });
}

/** A change applies from now on: what a rule fired before stays fired. */
export async function updateRule(
  em: EntityManager,
  acting: Acting,
  id: number,
  patch: Partial<RuleInput>,
): Promise<FollowUpRule> {
  refuseNonAdmin(acting);
  return em.transactional(async (tx) => {
    const rule = await ruleFor(tx, id);
    const before = ruleInputOf(rule);
    Object.assign(rule, await checked(tx, { ...before, ...patch }));
    const changes = changesBetween(before, ruleInputOf(rule));
    audit(tx, acting, { action: 'update', objectType: 'followUpRule', objectId: id, changes });
    return rule;
  });
}

/** Its tasks stay (without the rule); its firings stay too, so a rule made again starts afresh. */
export async function deleteRule(em: EntityManager, acting: Acting, id: number): Promise<void> {
  refuseNonAdmin(acting);
  await em.transactional(async (tx) => {
    const rule = await ruleFor(tx, id);
    tx.remove(rule);
    const changes = changesBetween(ruleInputOf(rule), {});
    audit(tx, acting, { action: 'delete', objectType: 'followUpRule', objectId: id, changes });
  });
}

/** A rule's settings, as the API takes them and the audit log records them. */
export const ruleInputOf = (rule: FollowUpRule): RuleInput => ({
  name: rule.name,
  enabled: rule.enabled,
  object: rule.object,
  trigger: rule.trigger,
  event: rule.event ?? null,
  dateField: rule.dateField ?? null,
  offsetDays: rule.offsetDays,
  action: rule.action,
  taskTitle: rule.taskTitle ?? null,
});
