import {
  AssignmentRuleSchema,
  CustomerSchema,
  FollowUpSchema,
  LeadSchema,
  OpportunitySchema,
  RoleAssignmentSchema,
  SalesTargetSchema,
  SessionSchema,
  StageChangeSchema,
  TaskSchema,
  UserSchema,
} from '@kelian/orm';
import type { EntityData, EntityManager, EntityName, FilterQuery } from '@mikro-orm/postgresql';

// Everything a user owns or did, the one list a merge moves: what the administrator is shown before
// confirming (counts) and what the merge then hands to the kept user. Most records simply change
// hands; those where the kept user may hold the same thing already are reconciled (merge.ts):
// collaborations, roles, monthly targets. A module that adds a record pointing at a person adds it here.

/** One kind of record a user holds, counted the same way it is moved. */
export interface Holding {
  key: string;
  /** How the console names it (「客户 12」). */
  label: string;
  count(em: EntityManager, userId: number): Promise<number>;
}

/** Records that change hands as they are: every row pointing at the merged user points at the kept one. */
export interface MovedHolding extends Holding {
  move(em: EntityManager, from: number, to: number): Promise<number>;
}

function column<E extends object>(
  key: string,
  label: string,
  entity: EntityName<E>,
  property: keyof E & string,
): MovedHolding {
  const of = (id: number) => ({ [property]: id }) as FilterQuery<NoInfer<E>>;
  return {
    key,
    label,
    count: (em, userId) => em.count(entity, of(userId)),
    move: (em, from, to) => em.nativeUpdate(entity, of(from), { [property]: to } as EntityData<E>),
  };
}

export const movedHoldings: readonly MovedHolding[] = [
  column('customers', '负责的客户', CustomerSchema, 'owner'),
  column('leads', '负责的线索', LeadSchema, 'owner'),
  column('deals', '负责的商机', OpportunitySchema, 'owner'),
  column('tasks', '待办', TaskSchema, 'assignee'),
  column('tasksCreated', '布置的待办', TaskSchema, 'createdBy'),
  column('followUps', '跟进记录', FollowUpSchema, 'author'),
  column('stageChanges', '推进商机阶段的记录', StageChangeSchema, 'by'),
  column('sessions', '登录会话', SessionSchema, 'user'),
  column('roundRobin', '线索轮流分配的位置', AssignmentRuleSchema, 'lastAssignee'),
];

/** Reconciled in merge.ts, counted here with the rest. */
export const reconciledHoldings = {
  collaborations: {
    key: 'collaborations',
    label: '协作的客户',
    count: async (em, userId) =>
      (
        await em.execute<{ n: number }[]>(
          'select count(*)::int as n from customer_collaborator where user_id = ?',
          [userId],
        )
      )[0]!.n,
  },
  roles: {
    key: 'roles',
    label: '角色',
    count: (em, userId) => em.count(RoleAssignmentSchema, { user: userId }),
  },
  targets: {
    key: 'targets',
    label: '月度销售目标',
    count: (em, userId) => em.count(SalesTargetSchema, { user: userId }),
  },
  reports: {
    key: 'reports',
    label: '直属下属',
    count: (em, userId) => em.count(UserSchema, { managerId: userId }),
  },
} satisfies Record<string, Holding>;

export const allHoldings: readonly Holding[] = [...movedHoldings, ...Object.values(reconciledHoldings)];

export interface Counted {
  key: string;
  label: string;
  count: number;
}

/** What `userId` holds, kind by kind (one query at a time: a transaction has one connection). */
export async function countHoldings(em: EntityManager, userId: number): Promise<Counted[]> {
  const counted: Counted[] = [];
  for (const { key, label, count } of allHoldings)
    counted.push({ key, label, count: await count(em, userId) });
  return counted;
}
