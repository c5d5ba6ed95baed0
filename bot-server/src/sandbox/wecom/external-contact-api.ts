import type Router from '@koa/router';
import type { SandboxContext } from '../context.js';
import type { ExternalContact, FollowInfo } from './customers.js';
import { wecomEndpoint } from './endpoint.js';
import { WeComError } from './errors.js';

// 客户联系 reads: externalcontact/list, externalcontact/get, externalcontact/batch/get_by_user.

const BATCH_MAX = 100;

export function wecomExternalContactRoutes(router: Router, sb: SandboxContext): void {
  const { org, wecom } = sb.state;
  const options = { token: true, baseLimit: true };

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
}
