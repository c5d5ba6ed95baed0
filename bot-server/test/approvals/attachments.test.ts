// A contract's scans, kept in the database so every instance serves them: uploaded as the request
// body, listed without their bytes, downloaded byte for byte under the contract's permissions, on
// the customer's timeline, deleted by whoever may change the contract. A file past 20 MB is
// refused with a Chinese 413 and nothing is stored.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Crm, type Session, startCrm } from '../api/customers-support.js';
import { customerOf, draftContract } from './support.js';

let crm: Crm;
let zhangwei: Session;
let liuyang: Session;
let lina: Session;
let customerId: number;
let contractId: number;
beforeAll(async () => {
  crm = await startCrm();
  [zhangwei, liuyang, lina] = await Promise.all([crm.as('张伟'), crm.as('刘洋'), crm.as('李娜')]);
  customerId = await customerOf(crm, '张伟');
  contractId = (await draftContract(zhangwei, customerId, 60_000_000)).id;
});
afterAll(() => crm?.stop());

const MB = 1024 * 1024;

/** An attachment, or the problem (type, title) that refused it. */
interface Answer {
  id: number;
  type: string;
  title: string;
  [field: string]: unknown;
}

async function upload(session: Session, name: string | null, bytes: Buffer, id = contractId) {
  const query = name === null ? '' : `?name=${encodeURIComponent(name)}`;
  const res = await fetch(`${crm.server.url}/api/contracts/${id}/attachments${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/octet-stream' },
    body: bytes,
  });
  return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as Answer };
}

async function download(session: Session, attachmentId: number) {
  const res = await fetch(`${crm.server.url}/api/contracts/${contractId}/attachments/${attachmentId}`, {
    headers: { authorization: `Bearer ${session.token}` },
  });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

const stored = async () =>
  (
    await crm.db.query<{ n: number; bytes: string | null }>(
      `select (select count(*)::int from contract_attachment) as n,
              (select sum(length(data)) from contract_attachment_chunk) as bytes`,
    )
  ).rows[0]!;

describe('contract attachments', () => {
  test('张伟 uploads a scan; it is listed without its bytes and downloads byte for byte', async () => {
    const scan = randomBytes(3 * MB);
    const res = await upload(zhangwei, '盖章页/年度框架合同 扫描件.PDF', scan);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      contractId,
      fileName: '年度框架合同 扫描件.PDF',
      contentType: 'application/pdf',
      sizeBytes: 3 * MB,
      uploadedBy: { name: '张伟' },
    });

    const list = await zhangwei.get(`/api/contracts/${contractId}/attachments`);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([res.body]);
    expect(JSON.stringify(list.body)).not.toContain('content"');

    const file = await download(zhangwei, res.body.id);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('年度框架合同 扫描件.PDF')}`,
    );
    expect(file.bytes.equals(scan)).toBe(true);

    // The manager of 张伟's team sees the contract, so its scans too.
    expect((await download(lina, res.body.id)).bytes.equals(scan)).toBe(true);
  });

  test('the upload is on the customer timeline, by 张伟', async () => {
    const timeline = await zhangwei.get(`/api/customers/${customerId}/timeline`);
    expect(timeline.status).toBe(200);
    const entry = timeline.body.items.find((i: { title: string }) => i.title.startsWith('上传合同附件'));
    expect(entry).toMatchObject({ title: '上传合同附件：年度框架合同 扫描件.PDF', by: { name: '张伟' } });
    expect(entry.body).toBe('合同「年度框架合同」· 3.0 MB');
  });

  test('exactly 20 MB is taken; 21 MB is refused with 413 in Chinese and nothing is stored', async () => {
    const atLimit = await upload(zhangwei, '全部页.pdf', randomBytes(20 * MB));
    expect(atLimit.status, JSON.stringify(atLimit.body)).toBe(201);
    const before = await stored();

    const res = await upload(zhangwei, '太大的扫描件.pdf', randomBytes(21 * MB));
    expect(res.status).toBe(413);
    expect(res.type).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      type: 'urn:kelian:problem:attachment-too-large',
      title: '附件不能超过 20 MB（这个文件 21.0 MB），请压缩或分成几份上传',
    });
    expect(await stored()).toEqual(before);
  }, 120_000);

  test('an empty file or one without a name is refused, nothing stored', async () => {
    const before = await stored();
    const empty = await upload(zhangwei, '空白.pdf', Buffer.alloc(0));
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({
      type: 'urn:kelian:problem:attachment-empty',
      title: '附件是空文件，请重新选择',
    });
    const nameless = await upload(zhangwei, null, randomBytes(10));
    expect(nameless.status).toBe(400);
    const blank = await upload(zhangwei, '  ', randomBytes(10));
    expect(blank.body.type).toBe('urn:kelian:problem:attachment-name-invalid');
    expect(await stored()).toEqual(before);
  });

  test('someone outside the customer neither lists, downloads, uploads nor deletes', async () => {
    const [first] = (await zhangwei.get(`/api/contracts/${contractId}/attachments`)).body.items;
    const before = await stored();
    expect((await liuyang.get(`/api/contracts/${contractId}/attachments`)).status).toBe(404);
    expect((await download(liuyang, first.id)).status).toBe(404);
    expect((await upload(liuyang, '别人的.pdf', randomBytes(10))).status).toBe(404);
    expect(
      (await liuyang.send('DELETE', `/api/contracts/${contractId}/attachments/${first.id}`)).status,
    ).toBe(404);
    expect(await stored()).toEqual(before);
  });

  test('张伟 deletes a scan: gone from the list and no longer downloads; audited', async () => {
    const { items } = (await zhangwei.get(`/api/contracts/${contractId}/attachments`)).body;
    const res = await zhangwei.send('DELETE', `/api/contracts/${contractId}/attachments/${items[0].id}`);
    expect(res.status).toBe(204);
    const after = (await zhangwei.get(`/api/contracts/${contractId}/attachments`)).body.items;
    expect(after.map((a: { id: number }) => a.id)).toEqual(items.slice(1).map((a: { id: number }) => a.id));
    expect((await download(zhangwei, items[0].id)).status).toBe(404);
    const { rows } = await crm.db.query(
      `select action from audit_log where object_type = 'contractAttachment' and object_id = $1 order by id`,
      [String(items[0].id)],
    );
    expect(rows.map((r) => r.action)).toEqual(['create', 'delete']);
  });
});
