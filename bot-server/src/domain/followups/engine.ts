import {
  AuditLogSchema,
  CustomerSchema,
  type FollowUpRule,
  FollowUpRuleSchema,
  type RuleObject,
  UserSchema,
} from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import { changesBetween } from '../audit/changes.js';
import { customerSnapshot } from '../customers/records.js';
import { customerPopulate } from '../customers/store.js';
import type { Messenger } from '../notify/messenger.js';
import { claimFiring } from './firings.js';
import { addDays, atLocalHour, localDate, morningHour } from './local-time.js';
import { dateValueSql, objectKinds } from './rule-kinds.js';
import { createTask } from './tasks.js';

// The follow-up engine. Each scan looks at every object whose fire time (anchor + the rule's days)
// has passed and that has no Firing for (rule, object, occurrence) yet; so a scan after downtime
// catches up on everything that fell due meanwhile. Per object, inserting the Firing and doing the
// action are one transaction: of two instances scanning at once, the one whose insert wins acts,
// the other's insert waits for it and then finds the key taken.
//
// When a rule fires, and the due time of its task:
//   event       the event's instant + offsetDays (exactly: "3 days after the first contact")
//   inactivity  the last activity + offsetDays (exactly)
//   date        09:00 (display time zone) of the date + offsetDays (negative: before)
// A rule applies from its creation on: events and dates whose fire time came before it are history,
// so a new rule does not bury the reps under tasks for the past. Inactivity is a state: an object
// idle long enough when the rule is made fires at the next scan.
// The occurrence in the Firing key is the anchor's day (the date itself for date rules): a customer
// followed up again, or a contract renewed to a new date, can fire the rule again.

/** Objects handled per rule and scan; the next scan takes the rest. */
const batch = 200;

interface Candidate {
  id: number;
  ownerId: number;
  anchor: string | Date;
  occurrence: string;
}

export async function scanFollowUpRules(
  em: EntityManager,
  now: Date,
  timeZone: string,
  messenger: Messenger,
): Promise<number> {
  const rules = await em.fork().find(FollowUpRuleSchema, { enabled: true }, { orderBy: { id: 'asc' } });
  let fired = 0;
  for (const rule of rules) {
    for (const candidate of await candidatesOf(em.fork(), rule, now, timeZone)) {
      const key = `rule:${rule.id}:${rule.object}:${candidate.id}:${candidate.occurrence}`;
      const did = await em.fork().transactional(async (tx) => {
        if (!(await claimFiring(tx, key))) return false;
        await act(tx, rule, candidate, fireTime(rule, candidate, timeZone), messenger);
        return true;
      });
      if (did) fired += 1;
    }
  }
  return fired;
}

function fireTime(rule: FollowUpRule, candidate: Candidate, timeZone: string): Date {
  if (typeof candidate.anchor === 'string')
    return atLocalHour(addDays(candidate.anchor, rule.offsetDays), morningHour, timeZone);
  return new Date(candidate.anchor.getTime() + rule.offsetDays * 86_400_000);
}

/** The objects of `rule` due by `now` and not fired yet, oldest anchor first. */
async function candidatesOf(
  em: EntityManager,
  rule: FollowUpRule,
  now: Date,
  timeZone: string,
): Promise<Candidate[]> {
  const kind = objectKinds[rule.object];
  const firingPrefix = `rule:${rule.id}:${rule.object}:`;
  let anchor: { sql: string; params: unknown[] };
  let occurrence: { sql: string; params: unknown[] };
  let due: { sql: string; params: unknown[] };
  if (rule.trigger === 'date') {
    anchor = dateValueSql(rule.object, rule.dateField!);
    occurrence = { sql: 'c.anchor', params: [] };
    // 09:00 of date + offset has passed: compared as text, YYYY-MM-DD sorts like the dates.
    const today = localDate(now, timeZone);
    const lastDay = now >= atLocalHour(today, morningHour, timeZone) ? today : addDays(today, -1);
    due = {
      sql: `c.anchor ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' and c.anchor <= ? and c.anchor >= ?`,
      params: [
        addDays(lastDay, -rule.offsetDays),
        addDays(localDate(rule.createdAt, timeZone), -rule.offsetDays),
      ],
    };
  } else {
    const offset = rule.offsetDays * 86_400_000;
    anchor = {
      sql: rule.trigger === 'event' ? kind.events[rule.event!]!.at : kind.lastActivity,
      params: [],
    };
    occurrence = { sql: `to_char(c.anchor at time zone ?, 'YYYY-MM-DD')`, params: [timeZone] };
    due =
      rule.trigger === 'event'
        ? {
            sql: 'c.anchor <= ? and c.anchor >= ?',
            params: [new Date(now.getTime() - offset), new Date(rule.createdAt.getTime() - offset)],
          }
        : { sql: 'c.anchor <= ?', params: [new Date(now.getTime() - offset)] };
  }
  const rows = await em
    .getConnection()
    .execute<{ id: number; owner_id: number; anchor: string | Date; occurrence: string }[]>(
      `select d.id, d.owner_id, d.anchor, d.occurrence
         from (select c.*, ${occurrence.sql} as occurrence
                 from (select o.id, o.owner_id, ${anchor.sql} as anchor
                         from ${kind.table} o where ${kind.live} and o.owner_id is not null) c
                where c.anchor is not null and ${due.sql}) d
        where not exists (select 1 from firing f where f.key = ? || d.id || ':' || d.occurrence)
        order by d.anchor, d.id limit ${batch}`,
      [...occurrence.params, ...anchor.params, ...due.params, firingPrefix],
    );
  const byDate = rule.trigger === 'date';
  return rows
    .filter((r) => !byDate || isRealDate(String(r.anchor)))
    .map((r) => ({
      id: r.id,
      ownerId: r.owner_id,
      anchor: byDate ? String(r.anchor) : new Date(r.anchor),
      occurrence: r.occurrence,
    }));
}

/** `2026-02-30` matches the pattern but is no day: such a value never fires. */
function isRealDate(text: string): boolean {
  const at = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().startsWith(text);
}

async function act(
  tx: EntityManager,
  rule: FollowUpRule,
  candidate: Candidate,
  at: Date,
  messenger: Messenger,
) {
  const owner = tx.getReference(UserSchema, candidate.ownerId);
  if (rule.action === 'task') {
    const about: Record<RuleObject, object> = {
      customer: { customerId: candidate.id },
      lead: { leadId: candidate.id },
      opportunity: { opportunityId: candidate.id },
    };
    createTask(tx, {
      title: rule.taskTitle!,
      assignee: owner,
      dueAt: at,
      ruleId: rule.id,
      ...about[rule.object],
    });
    await tx.flush();
    return;
  }
  await backToPool(tx, rule, candidate.id, messenger);
}

/** The customer leaves its owner for the pool; the audit log says which rule did it, the rep is told. */
async function backToPool(tx: EntityManager, rule: FollowUpRule, customerId: number, messenger: Messenger) {
  const customer = await tx.findOneOrFail(CustomerSchema, customerId, { populate: customerPopulate });
  const formerOwner = customer.owner;
  if (!formerOwner) return;
  const before = customerSnapshot(customer);
  customer.owner = null;
  // No person acted: the entry has no actor and names the rule.
  tx.create(AuditLogSchema, {
    actor: null,
    action: 'update',
    objectType: 'customer',
    objectId: String(customer.id),
    changes: {
      ...changesBetween(before, customerSnapshot(customer)),
      rule: { before: null, after: rule.name },
    },
    via: 'rule',
    requestId: null,
  });
  await tx.flush();
  await messenger.tell(
    tx,
    [formerOwner.id],
    `客户「${customer.name}」按规则「${rule.name}」已退回公海（${rule.offsetDays} 天没有跟进）。如需继续跟进，请到公海重新领取。`,
  );
}
