import type Router from '@koa/router';
import type { SandboxContext } from '../context.js';
import { randomAlnum } from '../state/ids.js';
import { CORP_TAG_LIMIT } from './customers.js';
import { wecomEndpoint } from './endpoint.js';
import { WeComError } from './errors.js';

// 企业客户标签: the corp's tag groups and tags (get_corp_tag_list, add_corp_tag, edit_corp_tag,
// del_corp_tag) and the tags of one follow (mark_tag).

export function wecomCorpTagRoutes(router: Router, sb: SandboxContext): void {
  const { wecom } = sb.state;
  const options = { token: true, baseLimit: true };

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
