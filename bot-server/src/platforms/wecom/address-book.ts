// The address book (通讯录) API: members and departments as WeCom answers them. directory.ts turns
// them into the org sync's directory.
import type { WeComDepartment, WeComUser } from './api-types.js';
import { type Reply, requireArray, requireObject, requireString } from './reply-fields.js';
import type { WeComTransport } from './transport.js';

export class WeComAddressBook {
  constructor(private readonly transport: WeComTransport) {}

  async listUsers(
    departmentId: number | string,
    options: { fetchChild?: boolean } = {},
  ): Promise<WeComUser[]> {
    const reply = await this.transport.get<Reply>('user/list', {
      department_id: departmentId,
      fetch_child: options.fetchChild ? 1 : 0,
    });
    return requireArray(reply, 'userlist', 'user/list') as WeComUser[];
  }

  /** The department and all its sub-departments; the whole visible tree without `id`. */
  async listDepartments(id?: number | string): Promise<WeComDepartment[]> {
    const reply = await this.transport.get<Reply>('department/list', id === undefined ? {} : { id });
    return requireArray(reply, 'department', 'department/list') as WeComDepartment[];
  }

  /** user/get: one member; errcode 60111 when there is no such userid. */
  async getUser(userId: string): Promise<WeComUser> {
    const reply = await this.transport.get<Reply>('user/get', { userid: userId });
    requireString(reply, 'userid', 'user/get');
    return reply as WeComUser;
  }

  /** department/get: one department; errcode 60123 when there is no such id. */
  async getDepartment(id: number | string): Promise<WeComDepartment> {
    const reply = await this.transport.get<Reply>('department/get', { id });
    return requireObject(reply, 'department', 'department/get') as WeComDepartment;
  }
}
