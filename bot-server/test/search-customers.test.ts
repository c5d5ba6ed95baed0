// Customer search against the real database: what a user typing into the search box gets back.
import {
  type Contact,
  ContactSchema,
  CustomerSchema,
  type FieldAccess,
  ormConfig,
  refreshSearchKeys,
  searchKeysFor,
  UserSchema,
} from '@kelian/orm';

import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, test } from 'vitest';
import { testDbUrl } from '../../orm/testing/db-url.js';
import { resetDatabase } from '../../orm/testing/reset.js';
import { customerSearchCondition, searchCustomers } from '../src/domain/search/customers.js';

let orm: MikroORM;
/** Every statement the ORM sends, with its parameters inlined (for EXPLAIN). */
const statements: string[] = [];

beforeAll(async () => {
  orm = await MikroORM.init(
    ormConfig(testDbUrl(), {
      debug: ['query', 'query-params'],
      colors: false,
      logger: (message) => statements.push(message),
    }),
  );
});
beforeEach(async () => {
  await resetDatabase(testDbUrl());
  statements.length = 0;
});
afterAll(() => orm.close(true));

interface NewCustomer {
  kind?: 'company' | 'person';
  phone?: string;
  contacts?: { name: string; mobile?: string }[];
  ownerId?: number;
  deleted?: boolean;
}

/** Writes a customer the way the application does: the keys are computed from what is stored. */
async function add(name: string, c: NewCustomer = {}): Promise<number> {
  const em = orm.em.fork();
  const customer = em.create(CustomerSchema, {
    kind: c.kind ?? 'company',
    name,
    phone: c.phone ?? null,
    owner: c.ownerId ?? null,
    deletedAt: c.deleted ? new Date() : null,
    customFields: {},
  });
  const contacts: Contact[] = (c.contacts ?? []).map((k) =>
    em.create(ContactSchema, { customer, name: k.name, mobile: k.mobile ?? null }),
  );
  Object.assign(customer, searchKeysFor(customer, contacts));
  await em.flush();
  return customer.id;
}

const search = (q: string, options?: Parameters<typeof searchCustomers>[2]) =>
  searchCustomers(orm.em.fork(), q, options);

describe('finding a customer', () => {
  let huawei: number;
  let zhangsan: number;
  let others: number[];
  beforeEach(async () => {
    huawei = await add('华为技术有限公司', { contacts: [{ name: '李四', mobile: '13900001111' }] });
    zhangsan = await add('远航物流有限公司', { contacts: [{ name: '张三', mobile: '13812345678' }] });
    others = [
      await add('张三丰', { kind: 'person', phone: '13700002222' }),
      await add('中山科技有限公司', { contacts: [{ name: '周松', mobile: '13600003333' }] }),
      await add('王五', { kind: 'person' }),
      await add('华信电子有限公司'),
      await add('张伟', { kind: 'person' }),
    ];
  });

  test('pinyin initials: zs finds the customer whose contact is 张三, among others', async () => {
    const ids = await search('zs');
    expect(ids).toContain(zhangsan);
    // Every hit has a name or contact whose initials start with zs: 张三丰 (zsf), 中山 (zs…), 周松 (zs).
    expect(ids.sort()).toEqual([zhangsan, others[0]!, others[1]!].sort());
    expect(await search('ZS')).toEqual(await search('zs'));
  });

  test('full pinyin: huawei finds 华为技术有限公司 by prefix and by contains', async () => {
    expect(await search('huawei')).toEqual([huawei]);
    expect(await search('weijishu')).toEqual([huawei]);
    expect(await search('hwjs')).toEqual([huawei]);
    expect(await search('zhangsan')).toEqual(expect.arrayContaining([zhangsan, others[0]]));
  });

  test('Chinese of one, two and more characters, in the name or a contact', async () => {
    expect(await search('张三')).toEqual([others[0], zhangsan]);
    expect(await search('李四')).toEqual([huawei]);
    expect(await search('技术有限')).toEqual([huawei]);
    expect((await search('华')).sort()).toEqual([huawei, others[3]].sort());
    expect(await search('张三 ')).toEqual(await search('张 三'));
  });

  test('phone tail: the last four digits or more of any number', async () => {
    expect(await search('5678')).toEqual([zhangsan]);
    expect(await search('345678')).toEqual([zhangsan]);
    expect(await search('+86 138-1234-5678')).toEqual([zhangsan]);
    expect(await search('2222')).toEqual([others[0]]);
    expect(await search('1234')).toEqual([]);
    expect(await search('138')).toEqual([]);
  });

  test('no match, and queries with nothing to search for', async () => {
    expect(await search('不存在的公司')).toEqual([]);
    expect(await search('xyzq')).toEqual([]);
    expect(await search('')).toEqual([]);
    expect(await search('  ？！ ')).toEqual([]);
  });
});

test('ranking: exact name > name prefix > contact, pinyin or initials prefix > contains', async () => {
  const contains = await add('北京张三科技有限公司');
  const contactPrefix = await add('远航科技有限公司', { contacts: [{ name: '张三丰' }] });
  const prefix = await add('张三餐饮有限公司');
  const exact = await add('张三', { kind: 'person' });
  await add('李四', { kind: 'person' });
  expect(await search('张三')).toEqual([exact, prefix, contactPrefix, contains]);
  // By pinyin every name starts a word with zhangsan except the one that only contains it.
  const byPinyin = await search('zhangsan');
  expect(byPinyin.slice(0, 3).sort()).toEqual([exact, prefix, contactPrefix].sort());
  expect(byPinyin[3]).toBe(contains);
  expect(await search('张三', { limit: 2 })).toEqual([exact, prefix]);
});

test('initials match from any character of a name on, below the initials of its start', async () => {
  const inside = await add('北京星河科技有限公司');
  const start = await add('星河物流有限公司');
  const contact = await add('锦程精密机械有限公司', { contacts: [{ name: '赵文博' }] });
  await add('华信电子有限公司');
  expect(await search('xh')).toEqual([start, inside]);
  expect(await search('bjxh')).toEqual([inside]);
  expect(await search('xhkj')).toEqual([inside]);
  expect(await search('jmjx')).toEqual([contact]);
  expect(await search('zw')).toEqual([contact]);
  // Inside a character's pinyin is no character boundary: 京 jing, 星 xing.
  expect(await search('gx')).toEqual([]);
  const matching = (q: string) =>
    orm.em
      .fork()
      .find(CustomerSchema, customerSearchCondition(q), { orderBy: { id: 'asc' } })
      .then((rows) => rows.map((c) => c.id));
  expect(await matching('xh')).toEqual([inside, start]);
  expect(await matching('kj')).toEqual([inside]);
});

test('input that looks like SQL is only text', async () => {
  const quoted = await add("O'Brien 贸易有限公司");
  for (const q of [
    "'; drop table customer; --",
    "' or '1'='1",
    '%',
    '_',
    '\\',
    "%' or 1=1 --",
    '$1',
    '?',
    '){}[]',
  ]) {
    expect(await search(q)).toEqual([]);
  }
  expect(await search("o'brien")).toEqual([quoted]);
  expect(await orm.em.fork().count(CustomerSchema)).toBe(1);
});

test('keys follow a renamed customer and a new contact', async () => {
  const id = await add('旧名称有限公司');
  const em = orm.em.fork();
  const customer = await em.findOneOrFail(CustomerSchema, id);
  customer.name = '华为技术有限公司';
  Object.assign(customer, searchKeysFor(customer, []));
  await em.flush();
  expect(await search('huawei')).toEqual([id]);
  expect(await search('jiumingcheng')).toEqual([]);
  expect(await search('旧名称')).toEqual([]);

  // A writer that does not hold the contacts recomputes the keys from the database.
  const tx = orm.em.fork();
  tx.create(ContactSchema, { customer: id, name: '王小明', mobile: '13511112222' });
  await tx.flush();
  expect(await search('wangxiaoming')).toEqual([]);
  await refreshSearchKeys(orm.em.fork(), [id]);
  expect(await search('wangxiaoming')).toEqual([id]);
  expect(await search('2222')).toEqual([id]);
});

test('customers written before the search keys existed get them from a full refresh', async () => {
  await orm.em
    .fork()
    .execute(
      `insert into customer (kind, name, custom_fields, created_at, updated_at) values ('company', '华为技术有限公司', '{}', now(), now())`,
    );
  expect(await search('huawei')).toEqual([]);
  await refreshSearchKeys(orm.em.fork());
  expect(await search('huawei')).toHaveLength(1);
});

describe('composing with the data scope', () => {
  let mine: number[];
  let theirs: number[];
  let me: number;
  beforeEach(async () => {
    const em = orm.em.fork();
    const [a, b] = [em.create(UserSchema, { name: '甲' }), em.create(UserSchema, { name: '乙' })];
    await em.flush();
    me = a.id;
    theirs = [await add('张三', { kind: 'person', ownerId: b.id }), await add('张三商贸', { ownerId: b.id })];
    mine = [await add('张三科技', { ownerId: a.id }), await add('远航张三', { ownerId: a.id })];
    await add('张三旧客户', { ownerId: a.id, deleted: true });
  });

  test('the scope applies in every tier, so the limit counts only visible customers', async () => {
    expect(await search('张三', { scopeFilter: { owner: me } })).toEqual(mine);
    expect(await search('张三', { scopeFilter: { owner: me }, limit: 1 })).toEqual([mine[0]]);
    // Without a scope: everyone's, by rank (张三商贸 and 张三科技 tie on rank and length: by id).
    expect(await search('张三')).toEqual([theirs[0], theirs[1], mine[0], mine[1]]);
  });

  test('the unranked condition combines with any other where-condition', async () => {
    const em = orm.em.fork();
    const rows = await em.find(
      CustomerSchema,
      { $and: [{ owner: me, deletedAt: null }, customerSearchCondition('zhangsan')] },
      { orderBy: { id: 'asc' } },
    );
    expect(rows.map((r) => r.id)).toEqual(mine);
    expect(await em.count(CustomerSchema, customerSearchCondition('！'))).toBe(0);
  });
});

describe('fields the viewer may not see are not searched by', () => {
  let id: number;
  beforeEach(async () => {
    id = await add('远航物流有限公司', {
      phone: '010-62340000',
      contacts: [{ name: '张三', mobile: '13812345678' }],
    });
  });
  const rules =
    (hidden: Record<string, FieldAccess>) =>
    (object: 'customer' | 'contact', field: string): FieldAccess =>
      hidden[`${object}.${field}`] ?? 'editable';

  test('a hidden mobile is not found by its tail; the other numbers still are', async () => {
    const fieldAccess = rules({ 'contact.mobile': 'hidden' });
    expect(await search('5678', { fieldAccess })).toEqual([]);
    expect(await search('62340000', { fieldAccess })).toEqual([id]);
    expect(await orm.em.fork().count(CustomerSchema, customerSearchCondition('5678', { fieldAccess }))).toBe(
      0,
    );
  });

  test('a masked mobile is found by the four digits its mask shows, not by the digits it hides', async () => {
    const fieldAccess = rules({ 'contact.mobile': 'masked' });
    expect(await search('5678', { fieldAccess })).toEqual([id]);
    expect(await search('12345678', { fieldAccess })).toEqual([]);
    expect(await search('13812345678', { fieldAccess })).toEqual([]);
  });

  test('hidden contact names are not found, by Chinese or by pinyin; the customer name still is', async () => {
    const fieldAccess = rules({ 'contact.name': 'hidden' });
    expect(await search('张三', { fieldAccess })).toEqual([]);
    expect(await search('zhangsan', { fieldAccess })).toEqual([]);
    expect(await search('zs', { fieldAccess })).toEqual([]);
    expect(await search('远航', { fieldAccess })).toEqual([id]);
    expect(await search('yuanhang', { fieldAccess })).toEqual([id]);
  });
});

test.runIf(inject('dbKind') === 'postgres')(
  'on a large table a two-character name is found through the bigram index',
  async () => {
    const target = await add('远航物流有限公司', { contacts: [{ name: '张三' }] });
    // 30,000 other customers whose names share characters but not the pair 张三.
    await orm.em.fork().execute(
      `insert into customer (kind, name, custom_fields, created_at, updated_at, search_text, search_grams)
       select 'company', '张' || i || '三有限公司', '{}', now(), now(),
              ' 张' || i || '三有限公司 zhang' || i || 'sanyouxiangongsi ',
              '{n:张,n:三,n:有,n:限,n:公,n:司,n:有限,n:限公,n:公司}'
         from generate_series(1, 30000) i`,
    );
    await orm.em.fork().execute('vacuum analyze customer');
    statements.length = 0;
    expect(await search('张三')).toEqual([target]);
    // Explain exactly what was sent: a statement for the prefix tiers, one for contains.
    const plans: string[] = [];
    for (const sql of statements
      .map((s) => s.replace(/^\[query\] /, '').replace(/ \[took .*$/s, ''))
      .filter((s) => s.includes('from "customer"'))) {
      const rows = await orm.em.fork().execute<{ 'QUERY PLAN': string }[]>(`explain ${sql}`);
      plans.push(rows.map((r) => r['QUERY PLAN']).join('\n'));
    }
    expect(plans).toHaveLength(2);
    // `%张三%` (contains) has no trigram: the bigrams serve it, and no tier reads the whole table.
    expect(plans[1]).toMatch(
      /Bitmap Index Scan on customer_search_grams_idx.*\n\s+Index Cond: \(search_grams && '\{n:张三,k:张三\}'/,
    );
    for (const plan of plans) expect(plan).not.toMatch(/Seq Scan on customer/);
  },
);

test.runIf(inject('dbKind') === 'postgres')(
  'on a large table initials inside a name are found through the words index',
  async () => {
    const target = await add('北京星河科技有限公司');
    // 30,000 other customers with inner initials of their own, none starting with xh.
    await orm.em.fork().execute(
      `insert into customer (kind, name, custom_fields, created_at, updated_at, search_text)
       select 'company', '公司' || i, '{}', now(), now(), ' 公司' || i || ' gongsi' || i || ' gs' || i || ' ^s' || i || ' '
         from generate_series(1, 30000) i`,
    );
    await orm.em.fork().execute('vacuum analyze customer');
    statements.length = 0;
    expect(await search('xh')).toEqual([target]);
    const plans: string[] = [];
    for (const sql of statements
      .map((s) => s.replace(/^\[query\] /, '').replace(/ \[took .*$/s, ''))
      .filter((s) => s.includes('from "customer"'))) {
      const rows = await orm.em.fork().execute<{ 'QUERY PLAN': string }[]>(`explain ${sql}`);
      plans.push(rows.map((r) => r['QUERY PLAN']).join('\n'));
    }
    // The start tiers, then the inner initials: both through indexes, none reading the whole table.
    expect(plans).toHaveLength(2);
    expect(plans[1]).toMatch(/Bitmap Index Scan on customer_search_text_words_idx/);
    for (const plan of plans) expect(plan).not.toMatch(/Seq Scan on customer/);
  },
);
