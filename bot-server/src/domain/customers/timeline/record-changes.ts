import { type AuditLog, AuditLogSchema, TagSchema, UserSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Access } from '../../access/access.js';
import type { Changes } from '../../audit/changes.js';
import { changeLines, type Names } from './change-lines.js';
import { keysetPage, personOf, type TimelineEntry, type TimelineSource } from './source.js';

// The customer record's own history, from the audit log: created, edited, handed to another owner,
// moved to the recycle bin and back, merged. Reads and exports are in the log too, but are no events
// of the customer.

const told = ['create', 'update', 'delete', 'restore', 'merge'] as const;

export const recordChangesSource: TimelineSource = {
  name: 'record',
  async entries(em, query) {
    const page = keysetPage(this.name, 'at', query);
    const rows = await em.find(
      AuditLogSchema,
      {
        $and: [
          { objectType: 'customer', objectId: String(query.customer.id), action: { $in: [...told] } },
          ...page.condition,
        ],
      },
      { orderBy: page.orderBy, limit: page.limit, populate: ['actor'] },
    );
    const names = await namesIn(em, rows);
    return rows.map((row) => ({
      source: this.name,
      rowId: row.id,
      at: row.at,
      by: personOf(row.actor),
      ...describe(query.access, row, names),
    }));
  },
};

type Described = Pick<TimelineEntry, 'type' | 'title' | 'body'>;

function describe(access: Access, row: AuditLog, names: Names): Described {
  const changes = row.changes as Changes;
  const lines = changeLines(access, changes, names);
  const body = lines.length > 0 ? lines.join('\n') : null;
  switch (row.action) {
    case 'create':
      return { type: 'created', title: '创建了客户', body: null };
    case 'delete':
      return { type: 'change', title: '移入了回收站', body: null };
    case 'restore':
      return { type: 'change', title: '从回收站恢复', body: null };
    case 'merge':
      return { type: 'merge', title: '合并到了另一位客户', body: null };
    default: {
      const owner = changes.owner;
      if (!owner) return { type: 'change', title: '修改了客户资料', body };
      const after = ownerName(owner.after, names);
      const title =
        owner.after === null ? '退回公海' : `负责人：${ownerName(owner.before, names) ?? '公海'} → ${after}`;
      return { type: 'owner', title, body };
    }
  }
}

const ownerName = (id: unknown, names: Names): string | undefined =>
  typeof id === 'number' ? (names.users.get(id) ?? '已删除的用户') : undefined;

/** The users and tags a page of entries names by id, in two queries. */
async function namesIn(em: EntityManager, rows: AuditLog[]): Promise<Names> {
  const userIds = new Set<number>();
  const tagIds = new Set<number>();
  for (const row of rows) {
    const changes = row.changes as Changes;
    for (const id of [changes.owner?.before, changes.owner?.after])
      if (typeof id === 'number') userIds.add(id);
    for (const id of [changes.tags?.before, changes.tags?.after].flat())
      if (typeof id === 'number') tagIds.add(id);
  }
  const users = userIds.size > 0 ? await em.find(UserSchema, { id: { $in: [...userIds] } }) : [];
  const tags = tagIds.size > 0 ? await em.find(TagSchema, { id: { $in: [...tagIds] } }) : [];
  return {
    users: new Map(users.map((u) => [u.id, u.name])),
    tags: new Map(tags.map((t) => [t.id, t.name])),
  };
}
