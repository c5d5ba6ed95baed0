import type { DirectoryDepartment, DirectoryUser, OrgDirectory } from '../../domain/org/directory.js';
import type { WeComDepartment, WeComUser } from './api-types.js';
import type { WeComClient } from './client.js';
import { WeComApiError } from './errors.js';

// The WeCom address book (通讯录) as the org sync's directory.

/** user/get: no such userid. */
const NO_SUCH_USER = 60111;
/** department/get: no such department id. */
const NO_SUCH_DEPARTMENT = 60123;
/** `status`: 2 disabled, 5 left (1 active and 4 not yet activated are members). */
const INACTIVE = new Set([2, 5]);

export class WeComDirectory implements OrgDirectory {
  constructor(private readonly client: WeComClient) {}

  async listDepartments(): Promise<DirectoryDepartment[]> {
    const all = await this.client.listDepartments();
    return all.map((d) => toDepartment(d, all));
  }

  /** Everyone below the tops of the visible tree, each once. */
  async listUsers(): Promise<DirectoryUser[]> {
    const departments = await this.client.listDepartments();
    const visible = new Set(departments.map((d) => d.id));
    const users = new Map<string, DirectoryUser>();
    for (const top of departments.filter((d) => !visible.has(d.parentid))) {
      for (const u of await this.client.listUsers(top.id, { fetchChild: true }))
        users.set(u.userid, toUser(u));
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
    // Its position needs its siblings: department/list of the parent lists them.
    const siblings = department.parentid === 0 ? [] : await this.client.listDepartments(department.parentid);
    return toDepartment(department, siblings);
  }
}

async function orMissing<T>(call: Promise<T>, missing: number): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof WeComApiError && error.errcode === missing) return undefined;
    throw error;
  }
}

/** WeCom shows a larger `order` first among siblings (ties: the smaller id first). */
function toDepartment(d: WeComDepartment, listed: readonly WeComDepartment[]): DirectoryDepartment {
  const weight = (x: WeComDepartment) => x.order ?? 0;
  const before = (s: WeComDepartment) => weight(s) > weight(d) || (weight(s) === weight(d) && s.id < d.id);
  const order = listed.filter((s) => s.parentid === d.parentid && before(s)).length;
  return {
    id: String(d.id),
    name: d.name,
    parentId: d.parentid === 0 ? undefined : String(d.parentid),
    order,
  };
}

function toUser(u: WeComUser): DirectoryUser {
  const main = typeof u.main_department === 'number' ? u.main_department : u.department[0];
  const departments = main === undefined ? u.department : [main, ...u.department.filter((id) => id !== main)];
  return {
    id: u.userid,
    name: u.name,
    departmentIds: departments.map(String),
    active: !INACTIVE.has(u.status ?? 1),
    head: main !== undefined && u.is_leader_in_dept?.[u.department.indexOf(main)] === 1,
    ...(u.mobile ? { mobile: u.mobile } : {}),
    ...(u.email ? { email: u.email } : {}),
    ...(u.position ? { title: u.position } : {}),
  };
}
