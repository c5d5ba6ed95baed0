import type Router from '@koa/router';
import type { SandboxContext } from '../context.js';
import type { Person } from '../state/org.js';
import { wecomEndpoint } from './endpoint.js';
import { WeComError } from './errors.js';

// 通讯录: user/list, user/get, department/list, department/get, from the sandbox's organisation.

export function wecomAddressBookRoutes(router: Router, sb: SandboxContext): void {
  const { org } = sb.state;
  const options = { token: true, baseLimit: true };
  const deptById = (id: string | undefined) => org.departments.find((d) => String(d.wecomId) === (id ?? '1'));
  const wecomDeptId = (key: string) => org.departments.find((d) => d.key === key)?.wecomId ?? 1;

  const userJson = (p: Person) => {
    const dept = wecomDeptId(p.departmentKey);
    return {
      userid: p.wecom.userid,
      name: p.name,
      department: [dept],
      order: [0],
      position: p.title,
      // Apps created since 2022-06-20 get no mobile: WeCom leaves the field out.
      ...(p.wecom.mobileHidden ? {} : { mobile: p.mobile }),
      is_leader_in_dept: [p.head ? 1 : 0],
      main_department: dept,
      status: 1,
      alias: '',
    };
  };

  router.get(
    '/user/list',
    wecomEndpoint(sb, 'user/list', options, ({ query }) => {
      const dept = deptById(query('department_id'));
      if (!dept) throw new WeComError(60123);
      const people =
        query('fetch_child') === '1'
          ? org.peopleUnder(dept.key)
          : org.people.filter((p) => p.departmentKey === dept.key);
      return { userlist: people.map(userJson) };
    }),
  );

  router.get(
    '/user/get',
    wecomEndpoint(sb, 'user/get', options, ({ query }) => {
      const person = org.personByWeCom(query('userid') ?? '');
      if (!person) throw new WeComError(60111);
      return userJson(person);
    }),
  );

  const departmentJson = (d: (typeof org.departments)[number]) => {
    // WeCom shows the larger `order` first among siblings; new departments get ever smaller ones.
    const siblings = org.departments.filter((s) => s.parentKey === d.parentKey);
    return {
      id: d.wecomId,
      name: d.name,
      name_en: '',
      department_leader: org.people
        .filter((p) => p.head && p.departmentKey === d.key)
        .map((p) => p.wecom.userid),
      parentid: d.parentKey === undefined ? 0 : wecomDeptId(d.parentKey),
      order: 100_000_000 - 1000 * siblings.indexOf(d),
    };
  };

  router.get(
    '/department/list',
    wecomEndpoint(sb, 'department/list', options, ({ query }) => {
      const top = deptById(query('id'));
      if (!top) throw new WeComError(60123);
      const below = (key: string): typeof org.departments =>
        org.departments.filter((d) => d.parentKey === key).flatMap((d) => [d, ...below(d.key)]);
      return { department: [top, ...below(top.key)].map(departmentJson) };
    }),
  );

  router.get(
    '/department/get',
    wecomEndpoint(sb, 'department/get', options, ({ query }) => {
      const id = query('id');
      if (!id) throw new WeComError(40058, 'id is required');
      const department = deptById(id);
      if (!department) throw new WeComError(60123);
      return { department: departmentJson(department) };
    }),
  );
}
