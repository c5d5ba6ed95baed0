// A small WeCom stand-in on 127.0.0.1 for the client tests: real HTTP, tokens that expire and get
// refused, scripted errcodes, single-use response codes, cursor paging, and a log of every request.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  path: string;
  query: Record<string, string>;
  body: Record<string, unknown> | undefined;
  at: number;
}

export interface FakeWeComOptions {
  corpId: string;
  secret: string;
  expiresIn?: number;
}

export interface FakeWeCom {
  url: string;
  requests: FakeRequest[];
  calls(path: string): FakeRequest[];
  /** Answer the next calls to `path` with these errcodes, in order (after the token check). */
  failNext(path: string, ...errcodes: number[]): void;
  /** Answer the next calls to `path` with this HTTP status instead of WeCom JSON. */
  breakNext(path: string, status: number): void;
  /** Every token issued so far stops working (42001), as when WeCom expires them early. */
  expireTokens(): void;
  /** Response codes issued by message/send and not used yet. */
  responseCodes: Set<string>;
  close(): Promise<void>;
}

const INTERACTIVE = new Set(['button_interaction', 'vote_interaction', 'multiple_interaction']);

export async function startFakeWeCom(options: FakeWeComOptions): Promise<FakeWeCom> {
  const requests: FakeRequest[] = [];
  const failures = new Map<string, number[]>();
  const broken = new Map<string, number>();
  const valid = new Set<string>();
  const expired = new Set<string>();
  const responseCodes = new Set<string>();
  let serial = 0;

  const handle = (path: string, query: Record<string, string>, body: Record<string, unknown> | undefined) => {
    if (path === 'gettoken') {
      if (query.corpid !== options.corpId || query.corpsecret !== options.secret) {
        return { errcode: 40001, errmsg: 'invalid secret' };
      }
      const token = `tok-${++serial}-${'x'.repeat(20)}`;
      valid.add(token);
      return { errcode: 0, errmsg: 'ok', access_token: token, expires_in: options.expiresIn ?? 7200 };
    }
    const webhook = path === 'webhook/send';
    if (!webhook) {
      const token = query.access_token;
      if (!token) return { errcode: 41001, errmsg: 'access_token missing' };
      if (expired.has(token)) return { errcode: 42001, errmsg: 'access_token expired' };
      if (!valid.has(token)) return { errcode: 40014, errmsg: 'invalid access_token' };
    }
    const scripted = failures.get(path)?.shift();
    if (scripted !== undefined) return { errcode: scripted, errmsg: `scripted ${scripted}` };
    switch (path) {
      case 'message/send': {
        const card = body?.template_card as Record<string, unknown> | undefined;
        const touser = String(body?.touser ?? '');
        const invalid = touser.split('|').filter((u) => u.startsWith('ghost'));
        const reply: Record<string, unknown> = {
          errcode: 0,
          errmsg: 'ok',
          msgid: `msg-${++serial}`,
          invaliduser: invalid.join('|'),
          invalidparty: '',
          invalidtag: '',
          unlicenseduser: '',
        };
        if (card && (INTERACTIVE.has(String(card.card_type)) || card.action_menu)) {
          const code = `rc-${++serial}`;
          responseCodes.add(code);
          reply.response_code = code;
        }
        return reply;
      }
      case 'message/update_template_card': {
        const code = String(body?.response_code);
        if (!responseCodes.delete(code)) return { errcode: 40058, errmsg: 'invalid response_code' };
        return { errcode: 0, errmsg: 'ok', invaliduser: [] };
      }
      case 'appchat/create':
        return { errcode: 0, errmsg: 'ok', chatid: String(body?.chatid ?? `chat${++serial}`) };
      case 'get_jsapi_ticket':
        return { errcode: 0, errmsg: 'ok', ticket: `corp-ticket-${++serial}`, expires_in: 7200 };
      case 'ticket/get':
        return query.type === 'agent_config'
          ? { errcode: 0, errmsg: 'ok', ticket: `agent-ticket-${++serial}`, expires_in: 7200 }
          : { errcode: 40058, errmsg: 'invalid type' };
      case 'user/list':
        return {
          errcode: 0,
          errmsg: 'ok',
          userlist: [
            {
              userid: 'zhangsan',
              name: '张三',
              department: [Number(query.department_id)],
              mobile: '13800000000',
            },
          ],
        };
      case 'department/list':
        return {
          errcode: 0,
          errmsg: 'ok',
          department: [
            { id: 1, name: '客联科技', parentid: 0, order: 1 },
            { id: 2, name: '华东销售部', parentid: 1, order: 1 },
          ],
        };
      case 'externalcontact/get': {
        const page = query.cursor === 'page2' ? 2 : 1;
        return {
          errcode: 0,
          errmsg: 'ok',
          external_contact: { external_userid: query.external_userid, name: '李客户', type: 1 },
          follow_user: [{ userid: page === 1 ? 'zhangsan' : 'lisi', state: 'expo' }],
          next_cursor: page === 1 ? 'page2' : '',
        };
      }
      case 'externalcontact/batch/get_by_user': {
        const users = (body?.userid_list as string[]) ?? [];
        const page = body?.cursor === 'next' ? 2 : 1;
        return {
          errcode: 0,
          errmsg: 'ok',
          external_contact_list: users.map((userid) => ({
            external_contact: { external_userid: `wm-${userid}-${page}`, name: '客户', type: 1 },
            follow_info: { userid, tag_id: [] },
          })),
          next_cursor: page === 1 ? 'next' : '',
        };
      }
      case 'externalcontact/get_corp_tag_list':
        return {
          errcode: 0,
          errmsg: 'ok',
          tag_group: [{ group_id: 'g1', group_name: '客户等级', tag: [{ id: 'et1', name: 'A' }] }],
        };
      case 'externalcontact/add_corp_tag':
        return {
          errcode: 0,
          errmsg: 'ok',
          tag_group: {
            group_id: 'g2',
            group_name: body?.group_name,
            tag: ((body?.tag as { name: string }[]) ?? []).map((t, i) => ({
              id: `et-new-${i}`,
              name: t.name,
            })),
          },
        };
      case 'auth/getuserinfo':
        return query.code === 'member-code'
          ? { errcode: 0, errmsg: 'ok', userid: 'zhangsan', user_ticket: '' }
          : query.code === 'visitor-code'
            ? { errcode: 0, errmsg: 'ok', openid: 'oABC', external_userid: 'wmEXT' }
            : { errcode: 40029, errmsg: 'invalid code' };
      case 'miniprogram/jscode2session':
        return {
          errcode: 0,
          errmsg: 'ok',
          corpid: options.corpId,
          userid: 'zhangsan',
          session_key: 'sk-secret',
        };
      case 'appchat/send':
      case 'webhook/send':
      case 'externalcontact/mark_tag':
        return { errcode: 0, errmsg: 'ok' };
      default:
        return { errcode: 404, errmsg: `no such api ${path}` };
    }
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const path = url.pathname.replace(/^\/cgi-bin\//, '');
      const query = Object.fromEntries(url.searchParams);
      const text = Buffer.concat(chunks).toString('utf8');
      const body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
      requests.push({ path, query, body, at: performance.now() });
      const status = broken.get(path);
      if (status !== undefined) {
        broken.delete(path);
        res.writeHead(status, { 'content-type': 'text/html' }).end('<html>bad gateway</html>');
        return;
      }
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify(handle(path, query, body)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    calls: (path) => requests.filter((r) => r.path === path),
    failNext: (path, ...errcodes) => failures.set(path, [...(failures.get(path) ?? []), ...errcodes]),
    breakNext: (path, status) => broken.set(path, status),
    expireTokens: () => {
      for (const token of valid) expired.add(token);
    },
    responseCodes,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
