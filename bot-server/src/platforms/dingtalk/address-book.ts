// The address book (通讯录) API: departments and members as DingTalk answers them. directory.ts
// turns them into the org sync's directory.
import { z } from 'zod';
import type { DingTalkTransport } from './transport.js';

export interface DingTalkDepartment {
  id: string;
  name: string;
  parentId?: string;
}

export interface DingTalkUser {
  userId: string;
  unionId?: string;
  name: string;
  mobile?: string;
  email?: string;
  title?: string;
  departmentIds: string[];
  active?: boolean;
  /** The departments the person heads (主管). */
  leads: string[];
}

const USER_PAGE = 100;

const id = z.union([z.number(), z.string()]).transform(String);
const listSubSchema = z.looseObject({
  result: z.array(z.looseObject({ dept_id: id, name: z.string(), parent_id: id.optional() })),
});
const departmentGetSchema = z.looseObject({
  result: z.looseObject({ dept_id: id, name: z.string(), parent_id: id.optional() }),
});
const userSchema = z.looseObject({
  userid: z.string(),
  unionid: z.string().optional(),
  name: z.string(),
  mobile: z.string().optional(),
  email: z.string().optional(),
  title: z.string().optional(),
  dept_id_list: z.array(id).default([]),
  active: z.boolean().optional(),
  /** user/get: per department, whether the person heads it. */
  leader_in_dept: z.array(z.looseObject({ dept_id: id, leader: z.boolean() })).optional(),
  /** user/list: whether the person heads the department listed. */
  leader: z.boolean().optional(),
});
const userGetSchema = z.looseObject({ result: userSchema });
const userListSchema = z.looseObject({
  result: z.looseObject({
    has_more: z.boolean(),
    next_cursor: z.number().optional(),
    list: z.array(userSchema),
  }),
});

/** `listed`: the department whose members were listed (user/list), which `leader` speaks of. */
function toUser(u: z.infer<typeof userSchema>, listed?: string): DingTalkUser {
  const leads = u.leader_in_dept
    ? u.leader_in_dept.filter((d) => d.leader).map((d) => d.dept_id)
    : u.leader
      ? [listed ?? u.dept_id_list[0]].filter((d) => d !== undefined)
      : [];
  return {
    userId: u.userid,
    name: u.name,
    departmentIds: u.dept_id_list,
    leads,
    ...(u.unionid ? { unionId: u.unionid } : {}),
    ...(u.mobile ? { mobile: u.mobile } : {}),
    ...(u.email ? { email: u.email } : {}),
    ...(u.title ? { title: u.title } : {}),
    ...(u.active === undefined ? {} : { active: u.active }),
  };
}

export class DingTalkAddressBook {
  constructor(private readonly transport: DingTalkTransport) {}

  async listSubDepartments(deptId: string): Promise<DingTalkDepartment[]> {
    const api = 'topapi/v2/department/listsub';
    const data = await this.transport.call(api, {
      host: 'oapi',
      method: 'POST',
      path: '/topapi/v2/department/listsub',
      data: { dept_id: Number(deptId) },
      auth: 'query',
    });
    return this.transport.parse(api, listSubSchema, data).result.map((d) => ({
      id: d.dept_id,
      name: d.name,
      ...(d.parent_id ? { parentId: d.parent_id } : {}),
    }));
  }

  /** One department (1 is the organisation root, which has no parent); 60003 when there is none. */
  async getDepartment(deptId: string): Promise<DingTalkDepartment> {
    const api = 'topapi/v2/department/get';
    const data = await this.transport.call(api, {
      host: 'oapi',
      method: 'POST',
      path: '/topapi/v2/department/get',
      data: { dept_id: Number(deptId), language: 'zh_CN' },
      auth: 'query',
    });
    const d = this.transport.parse(api, departmentGetSchema, data).result;
    return { id: d.dept_id, name: d.name, ...(d.parent_id ? { parentId: d.parent_id } : {}) };
  }

  /** One member's profile; 60121 when the organisation has no such user. */
  async getUser(userId: string): Promise<DingTalkUser> {
    const api = 'topapi/v2/user/get';
    const data = await this.transport.call(api, {
      host: 'oapi',
      method: 'POST',
      path: '/topapi/v2/user/get',
      data: { userid: userId, language: 'zh_CN' },
      auth: 'query',
    });
    return toUser(this.transport.parse(api, userGetSchema, data).result);
  }

  /** Every department under `rootId` (1 is the organisation root), breadth first. */
  async listAllDepartments(rootId = '1'): Promise<DingTalkDepartment[]> {
    const all: DingTalkDepartment[] = [];
    const queue = [rootId];
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const children = await this.listSubDepartments(next);
      all.push(...children);
      queue.push(...children.map((d) => d.id));
    }
    return all;
  }

  /** The department's direct members, following the cursor through every page. */
  async listDepartmentUsers(deptId: string): Promise<DingTalkUser[]> {
    const api = 'topapi/v2/user/list';
    const users: DingTalkUser[] = [];
    let cursor = 0;
    for (;;) {
      const data = await this.transport.call(api, {
        host: 'oapi',
        method: 'POST',
        path: '/topapi/v2/user/list',
        data: { dept_id: Number(deptId), cursor, size: USER_PAGE },
        auth: 'query',
      });
      const page = this.transport.parse(api, userListSchema, data).result;
      users.push(...page.list.map((u) => toUser(u, deptId)));
      if (!page.has_more || page.next_cursor === undefined) return users;
      cursor = page.next_cursor;
    }
  }
}
