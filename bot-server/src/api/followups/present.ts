import type { FollowUpRule, Task } from '@kelian/orm';
import { ruleInputOf } from '../../domain/followups/rules.js';

// Tasks and rules carry no ruled fields: what a viewer may see of them is settled by taskScope.

export const taskJsonOf = (t: Task) => ({
  id: t.id,
  title: t.title,
  note: t.note ?? null,
  dueAt: t.dueAt,
  status: t.status,
  doneAt: t.doneAt ?? null,
  postponements: t.postponements,
  customer: t.customer ? { id: t.customer.id, name: t.customer.name } : null,
  lead: t.lead ? { id: t.lead.id, company: t.lead.company } : null,
  opportunity: t.opportunity ? { id: t.opportunity.id, name: t.opportunity.name } : null,
  assignee: { id: t.assignee.id, name: t.assignee.name },
  rule: t.rule ? { id: t.rule.id, name: t.rule.name } : null,
});

export const ruleJsonOf = (r: FollowUpRule) => ({
  id: r.id,
  ...ruleInputOf(r),
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});
