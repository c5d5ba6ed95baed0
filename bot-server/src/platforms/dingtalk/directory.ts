import type { DirectoryDepartment, DirectoryUser, OrgDirectory } from '../../domain/org/directory.js';
import type { DingTalkDepartment, DingTalkUser } from './address-book.js';
import type { DingTalkClient } from './client.js';
import { DingTalkApiError } from './errors.js';

// The DingTalk address book (通讯录) as the org sync's directory.

/** The organisation itself is department 1 on every DingTalk corp. */
const ROOT = '1';
/** topapi/v2/user/get: no such user in the organisation. */
const NO_SUCH_USER = '60121';
/** topapi/v2/department/get: no such department. */
const NO_SUCH_DEPARTMENT = '60003';

export class DingTalkDirectory implements OrgDirectory {
  constructor(private readonly client: DingTalkClient) {}

  async listDepartments(): Promise<DirectoryDepartment[]> {
    const root = await this.client.getDepartment(ROOT);
    // listsub answers each parent's children in their display order.
    const below = await this.client.listAllDepartments(ROOT);
    return [root, ...below].map((d) => toDepartment(d, below));
  }

  /** user/list names only a department's direct members: every department is asked, people kept once. */
  async listUsers(): Promise<DirectoryUser[]> {
    const users = new Map<string, DirectoryUser>();
    for (const department of await this.listDepartments()) {
      for (const u of await this.client.listDepartmentUsers(department.id)) users.set(u.userId, toUser(u));
    }
    return [...users.values()];
  }

  async getUser(id: string): Promise<DirectoryUser | undefined> {
    const user = await orMissing(this.client.getUser(id), NO_SUCH_USER);
    return user && toUser(user);
  }

  async getDepartment(id: string): Promise<DirectoryDepartment | undefined> {
    const department = await orMissing(this.client.getDepartment(id), NO_SUCH_DEPARTMENT);
    if (!department) return undefined;
    const parentId = parentOf(department);
    const siblings = parentId === undefined ? [] : await this.client.listSubDepartments(parentId);
    return toDepartment(department, siblings);
  }
}

async function orMissing<T>(call: Promise<T>, missing: string): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof DingTalkApiError && error.code === missing) return undefined;
    throw error;
  }
}

function parentOf(d: DingTalkDepartment): string | undefined {
  return d.id === ROOT ? undefined : d.parentId;
}

/** `listed` holds the department's siblings in display order (or more: only siblings count). */
function toDepartment(d: DingTalkDepartment, listed: readonly DingTalkDepartment[]): DirectoryDepartment {
  const parentId = parentOf(d);
  const siblings = listed.filter((s) => parentOf(s) === parentId);
  return {
    id: d.id,
    name: d.name,
    parentId,
    order: Math.max(
      0,
      siblings.findIndex((s) => s.id === d.id),
    ),
  };
}

/**
 * DingTalk lists only current members, so everyone listed is active: its own `active` flag says
 * whether the person has logged in to DingTalk yet, not whether they work here.
 */
function toUser(u: DingTalkUser): DirectoryUser {
  return {
    id: u.userId,
    name: u.name,
    departmentIds: u.departmentIds,
    active: true,
    head: u.departmentIds[0] !== undefined && u.leads.includes(u.departmentIds[0]),
    ...(u.mobile ? { mobile: u.mobile } : {}),
    ...(u.email ? { email: u.email } : {}),
    ...(u.title ? { title: u.title } : {}),
  };
}
