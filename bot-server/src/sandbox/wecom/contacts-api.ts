import type Router from '@koa/router';
import type { SandboxContext } from '../context.js';
import { randomAlnum } from '../state/ids.js';
import type { Person } from '../state/org.js';
import type { ExternalContact, FollowInfo } from './customers.js';
import { CORP_TAG_LIMIT } from './customers.js';
import { wecomEndpoint } from './endpoint.js';
import { WeComError } from './errors.js';

// 通讯录 (user/list, user/get, department/list, department/get) and 客户联系 (external contacts, corp tags).

const BATCH_MAX = 100;

export function wecomContactRoutes(router: Router, sb: SandboxContext): void {
  const { org, wecom } = sb.state;
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
      mobile: p.mobile,
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

  const contactJson = (c: ExternalContact) => ({
    external_userid: c.external_userid,
    name: c.name,
    type: c.type,
    gender: c.gender,
    avatar: c.avatar,
    unionid: c.unionid,
  });
  const followJson = (f: FollowInfo) => ({
    userid: f.userid,
    remark: f.remark,
    description: f.description,
    createtime: f.createtime,
    remark_mobiles: f.remark_mobiles,
    oper_userid: f.oper_userid,
    add_way: f.add_way,
    ...(f.state === undefined ? {} : { state: f.state }),
  });

  router.get(
    '/externalcontact/list',
    wecomEndpoint(sb, 'externalcontact/list', options, ({ query }) => {
      const userid = query('userid') ?? '';
      if (!org.personByWeCom(userid)) throw new WeComError(60111);
      return { external_userid: wecom.customers.followedBy(userid).map((c) => c.external_userid) };
    }),
  );

  router.get(
    '/externalcontact/get',
    wecomEndpoint(sb, 'externalcontact/get', options, ({ query }) => {
      const id = query('external_userid');
      if (!id) throw new WeComError(41035);
      const contact = wecom.customers.contacts.get(id);
      if (!contact) throw new WeComError(40096);
      return {
        external_contact: contactJson(contact),
        follow_user: contact.follows.map((f) => ({
          ...followJson(f),
          tags: f.tagIds.flatMap((tagId) => {
            const found = wecom.customers.tag(tagId);
            return found
              ? [{ group_name: found.group.group_name, tag_name: found.tag.name, type: 1, tag_id: tagId }]
              : [];
          }),
        })),
      };
    }),
  );

  router.post(
    '/externalcontact/batch/get_by_user',
    wecomEndpoint(sb, 'externalcontact/batch/get_by_user', options, ({ body }) => {
      const users = Array.isArray(body.userid_list) ? body.userid_list.map(String) : [];
      if (users.length === 0 || users.length > BATCH_MAX)
        throw new WeComError(40058, 'userid_list: 1 to 100 ids');
      const limit = body.limit === undefined ? 50 : Number(body.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > BATCH_MAX)
        throw new WeComError(40058, 'limit: 1 to 100');
      const offset = body.cursor ? Number.parseInt(String(body.cursor), 10) : 0;
      if (!Number.isInteger(offset) || offset < 0) throw new WeComError(40058, 'cursor is invalid');
      const pairs = users.flatMap((userid) =>
        wecom.customers
          .followedBy(userid)
          .map((c) => ({ c, f: c.follows.find((f) => f.userid === userid) as FollowInfo })),
      );
      const page = pairs.slice(offset, offset + limit);
      return {
        external_contact_list: page.map(({ c, f }) => ({
          external_contact: contactJson(c),
          follow_info: { ...followJson(f), tag_id: f.tagIds },
        })),
        next_cursor: offset + limit < pairs.length ? String(offset + limit) : '',
      };
    }),
  );

  router.post(
    '/externalcontact/get_corp_tag_list',
    wecomEndpoint(sb, 'externalcontact/get_corp_tag_list', options, ({ body }) => {
      const tagIds = Array.isArray(body.tag_id) ? body.tag_id.map(String) : [];
      const groupIds = Array.isArray(body.group_id) ? body.group_id.map(String) : [];
      const groups = wecom.customers.tagGroups
        .filter((g) => !g.deleted && (groupIds.length === 0 || groupIds.includes(g.group_id)))
        .map((g) => ({
          ...g,
          tag: g.tag.filter((t) => !t.deleted && (tagIds.length === 0 || tagIds.includes(t.id))),
        }))
        .filter((g) => tagIds.length === 0 || g.tag.length > 0);
      return { tag_group: groups };
    }),
  );

  router.post(
    '/externalcontact/add_corp_tag',
    wecomEndpoint(sb, 'externalcontact/add_corp_tag', options, ({ body }) => {
      const tags = Array.isArray(body.tag) ? body.tag : [];
      const names = tags.map((t) => (t as { name?: unknown }).name);
      if (names.length === 0 || names.some((n) => typeof n !== 'string' || n === '')) {
        throw new WeComError(40058, 'tag: a list of {name}');
      }
      if (wecom.customers.tagCount() + names.length > CORP_TAG_LIMIT) throw new WeComError(40126);
      const nowSec = Math.floor(sb.now() / 1000);
      const groups = wecom.customers.tagGroups;
      let group =
        body.group_id !== undefined
          ? groups.find((g) => g.group_id === body.group_id && !g.deleted)
          : groups.find((g) => g.group_name === body.group_name && !g.deleted);
      if (!group) {
        if (body.group_id !== undefined) throw new WeComError(40068, 'group_id not found');
        if (typeof body.group_name !== 'string' || body.group_name === '') {
          throw new WeComError(40058, 'group_id or group_name is required');
        }
        group = {
          group_id: `et${randomAlnum(20)}`,
          group_name: body.group_name,
          create_time: nowSec,
          order: Number(body.order ?? 0),
          deleted: false,
          tag: [],
        };
        groups.push(group);
      }
      const added = tags.map((t) => {
        const spec = t as { name: string; order?: unknown };
        const existing = group.tag.find((x) => x.name === spec.name && !x.deleted);
        if (existing) return existing;
        const tag = {
          id: `et${randomAlnum(20)}`,
          name: spec.name,
          create_time: nowSec,
          order: Number(spec.order ?? 0),
          deleted: false,
        };
        group.tag.push(tag);
        return tag;
      });
      const { tag: _all, deleted: _deleted, ...head } = group;
      return { tag_group: { ...head, tag: added.map(({ deleted: _d, ...t }) => t) } };
    }),
  );

  router.post(
    '/externalcontact/edit_corp_tag',
    wecomEndpoint(sb, 'externalcontact/edit_corp_tag', options, ({ body }) => {
      const id = String(body.id ?? '');
      const target =
        wecom.customers.tag(id)?.tag ??
        wecom.customers.tagGroups.find((g) => g.group_id === id && !g.deleted);
      if (!target) throw new WeComError(40068, 'invalid tag id');
      if (body.name !== undefined) {
        if (typeof body.name !== 'string' || body.name === '') throw new WeComError(40058, 'name');
        if ('group_name' in target) target.group_name = body.name;
        else target.name = body.name;
      }
      if (body.order !== undefined) target.order = Number(body.order);
      return {};
    }),
  );

  router.post(
    '/externalcontact/del_corp_tag',
    wecomEndpoint(sb, 'externalcontact/del_corp_tag', options, ({ body }) => {
      const tagIds = Array.isArray(body.tag_id) ? body.tag_id.map(String) : [];
      const groupIds = Array.isArray(body.group_id) ? body.group_id.map(String) : [];
      if (tagIds.length + groupIds.length === 0)
        throw new WeComError(40058, 'tag_id or group_id is required');
      const groups = wecom.customers.tagGroups.filter((g) => !g.deleted);
      const unknown = [
        ...tagIds.filter((id) => !wecom.customers.tag(id)),
        ...groupIds.filter((id) => !groups.some((g) => g.group_id === id)),
      ];
      if (unknown.length > 0) throw new WeComError(40068, unknown.join(','));
      for (const group of groups) {
        if (groupIds.includes(group.group_id)) for (const tag of group.tag) tag.deleted = true;
        for (const tag of group.tag) if (tagIds.includes(tag.id)) tag.deleted = true;
        // A group whose last tag goes is gone too.
        if (group.tag.every((t) => t.deleted)) group.deleted = true;
      }
      for (const contact of wecom.customers.contacts.values())
        for (const follow of contact.follows)
          follow.tagIds = follow.tagIds.filter((id) => wecom.customers.tag(id));
      return {};
    }),
  );

  router.post(
    '/externalcontact/mark_tag',
    wecomEndpoint(sb, 'externalcontact/mark_tag', options, ({ body }) => {
      const contact = wecom.customers.contacts.get(String(body.external_userid ?? ''));
      if (!contact) throw new WeComError(40096);
      const follow = contact.follows.find((f) => f.userid === body.userid);
      if (!follow) throw new WeComError(84061);
      const add = Array.isArray(body.add_tag) ? body.add_tag.map(String) : [];
      const remove = Array.isArray(body.remove_tag) ? body.remove_tag.map(String) : [];
      if (add.length + remove.length === 0) throw new WeComError(40058, 'add_tag or remove_tag is required');
      const unknown = [...add, ...remove].filter((id) => !wecom.customers.tag(id));
      if (unknown.length > 0) throw new WeComError(40068, unknown.join(','));
      follow.tagIds = [...new Set([...follow.tagIds.filter((id) => !remove.includes(id)), ...add])];
      return {};
    }),
  );
}
