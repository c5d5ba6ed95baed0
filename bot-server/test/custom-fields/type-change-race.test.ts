import pg from 'pg';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { testDbUrl } from '../../../orm/testing/db-url.js';
import { type Crm, type Session, startCrm } from '../api/customers-support.js';

// A type change while a customer write is in flight: the write has checked its value against the
// field as it was (holding the definition FOR SHARE, as customers' writes do) and not committed yet.
// The change waits for it and counts its value, instead of missing it and leaving a customer with
// a value the field now refuses. PostgreSQL only: PGlite serialises everything anyway.

const onPostgres = inject('dbKind') === 'postgres';
let crm: Crm;
let admin: Session;
beforeAll(async () => {
  if (!onPostgres) return;
  crm = await startCrm();
  admin = await crm.as('徐明');
});
afterAll(() => crm?.stop());

test.runIf(onPostgres)(
  'a type change waits for a customer write in flight and counts its value',
  async () => {
    const field = await admin.send('POST', '/api/custom-fields', {
      object: 'customer',
      key: '席位',
      label: '席位数',
      type: 'text',
    });
    expect(field.status).toBe(201);
    const rep = await crm.as('张伟');
    const customer = await rep.send('POST', '/api/customers', { kind: 'company', name: '并发测试公司' });
    expect(customer.status).toBe(201);

    const writer = new pg.Client({ connectionString: testDbUrl() });
    await writer.connect();
    try {
      await writer.query('begin');
      await writer.query(`select id from custom_field_definition where object = 'customer' for share`);
      await writer.query(
        `update customer set custom_fields = custom_fields || '{"席位": "二十个"}' where id = $1`,
        [customer.body.id],
      );
      let answered = false;
      const change = admin
        .send('PATCH', `/api/custom-fields/${field.body.id}`, { type: 'number' })
        .finally(() => {
          answered = true;
        });
      await new Promise((r) => setTimeout(r, 500));
      expect(answered).toBe(false);
      await writer.query('commit');
      const res = await change;
      expect(res.status).toBe(409);
      expect(res.body.title).toBe('1 个客户的「席位数」值不是数字，不能改为数字字段；请先修改或清空这些值');
    } finally {
      await writer.end();
    }
  },
);
