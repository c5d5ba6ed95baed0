// The customer list with a search text first looks for its page among the next customers of the
// list's order, a window, and reads the rest through the search indexes only when the window holds
// too few matches (domain/customers/keyset-page.ts). Whatever the window, every page must hold the
// same customers in the same order as the plain keyset query: each kind of search text, each order,
// for a rep (own and pool customers only) and for the administrator, on the demo company. The window
// holds the next customers in the user's scope (`within`, as listCustomers gives it), and no more than
// ten times as many customers of any owner: a thin scope, such as one owner's customers, ends it there.
import { ormConfig, UserSchema } from '@kelian/orm';
import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testDbUrl } from '../../../orm/testing/db-url.js';
import { accessOf } from '../../src/domain/access/access.js';
import { customerScope } from '../../src/domain/access/scope.js';
import { type KeysetOrder, type KeysetPosition, keysetPage } from '../../src/domain/customers/keyset-page.js';
import { customerConditions } from '../../src/domain/customers/list.js';
import { type Crm, startCrm } from '../api/customers-support.js';

let crm: Crm;
let orm: MikroORM;
let terms: Record<string, string>;

beforeAll(async () => {
  crm = await startCrm();
  orm = await MikroORM.init(ormConfig(testDbUrl(), { pool: { min: 0, max: 2 } }));
  // Some customers were changed a moment apart, most at the same instant: ties on the order value.
  await crm.db.query(
    `update customer set updated_at = updated_at - (id % 7) * interval '1 hour' where id % 3 = 0`,
  );
  const sample = async (sql: string) => (await crm.db.query<{ term: string }>(sql)).rows[0]!.term;
  terms = {
    '2-char name': await sample(
      `select left(name, 2) as term from customer where kind = 'person' order by id limit 1`,
    ),
    'company fragment': await sample(
      `select substr(name, 3, 2) as term from customer where kind = 'company' order by id limit 1`,
    ),
    'full pinyin': 'huaxin',
    'pinyin initials': 'hx',
    'phone tail': await sample(
      `select right(mobile, 4) as term from contact where mobile is not null order by id limit 1`,
    ),
    'very common word': '科技',
    'single letter': 'z',
  };
});
afterAll(async () => {
  await orm?.close(true);
  await crm?.stop();
});

const orders: KeysetOrder[] = [
  { property: 'updatedAt', column: 'updated_at', direction: 'desc' },
  { property: 'name', column: 'name', direction: 'asc' },
  { property: 'createdAt', column: 'created_at', direction: 'asc' },
];

/**
 * Every page of 5, as ids, of the customers `who` finds by `q` in `order` (of one `owner`'s when
 * given), read with `window`.
 */
async function allPages(
  who: string,
  q: string,
  order: KeysetOrder,
  window?: number,
  owner?: number,
): Promise<number[]> {
  const em = orm.em.fork();
  const access = await accessOf(em, await em.findOneOrFail(UserSchema, { name: who }));
  const ids: number[] = [];
  let after: KeysetPosition | undefined;
  const filters = { q, ...(owner && { owner }) };
  do {
    const where = await customerConditions(em, access, filters);
    const page = await keysetPage(em, where, {
      order,
      limit: 5,
      populate: [],
      ...(after && { after }),
      ...(window && {
        window: {
          size: window,
          where: await customerConditions(em, access, filters, { rowByRow: true }),
          within: [customerScope(access, 'read'), ...(owner ? [{ owner }] : [])],
        },
      }),
    });
    ids.push(...page.items.map((c) => c.id));
    const last = page.items.at(-1);
    after = page.more && last ? { value: last[order.property], id: last.id } : undefined;
  } while (after);
  return ids;
}

describe('a search list read through a window', () => {
  describe.each(orders)('in $property order', (order) => {
    test.each(['张伟', '徐明'])(
      'finds for %s the same customers in the same order as the plain query, whatever the window',
      async (who) => {
        for (const [kind, q] of Object.entries(terms)) {
          const plain = await allPages(who, q, order);
          if (who === '徐明') expect(plain.length, `${kind} ${q} finds someone`).toBeGreaterThan(0);
          for (const window of [1, 7]) {
            expect(await allPages(who, q, order, window), `${kind} ${q} ${window}`).toEqual(plain);
          }
        }
      },
    );
  });

  test('finds the same in a thin scope: one owner, whose customers are far apart in the order', async () => {
    const { rows } = await crm.db.query<{ owner: number }>(
      `select owner_id as owner from customer where owner_id is not null and deleted_at is null
        group by owner_id order by count(*), owner_id limit 1`,
    );
    const owner = rows[0]!.owner;
    for (const order of orders) {
      for (const q of [...Object.values(terms), 'a', '公司']) {
        const plain = await allPages('徐明', q, order, undefined, owner);
        for (const window of [1, 3, 40]) {
          expect(await allPages('徐明', q, order, window, owner), `${q} ${window}`).toEqual(plain);
        }
      }
    }
  });

  test("a rep's search reaches only the rep's own customers and the pool", async () => {
    const zhang = await crm.userId('张伟');
    for (const q of Object.values(terms)) {
      const found = await allPages('张伟', q, orders[0]!, 3);
      const { rows } = await crm.db.query<{ id: number }>(
        `select id from customer where id = any($1::int[]) and owner_id is distinct from $2 and owner_id is not null
            and not exists (select 1 from customer_collaborator k where k.customer_id = customer.id and k.user_id = $2)`,
        [found, zhang],
      );
      expect(rows, q).toEqual([]);
    }
  });
});
