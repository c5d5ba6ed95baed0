// The quote's PDF: a real PDF with Noto Sans SC embedded as a subset whose Unicode map holds the
// Chinese that was written (the customer, 报价单, the total in capitals), so it shows and can be
// searched on any reader; downloaded by the signed-in user under permissions, or by anyone with a
// 15-minute signed link, and by nobody with a forged, altered or other quote's link.
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Crm, type Session, startCrm } from '../api/customers-support.js';
import { customerOf } from '../approvals/support.js';
import { draftQuote, product } from './support.js';

let crm: Crm;
let zhangwei: Session;
beforeAll(async () => {
  crm = await startCrm();
  zhangwei = await crm.as('张伟');
});
afterAll(() => crm?.stop());

async function download(path: string, token?: string) {
  const res = await fetch(
    `${crm.server.url}${path}`,
    token ? { headers: { authorization: `Bearer ${token}` } } : {},
  );
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    bytes: Buffer.from(await res.arrayBuffer()),
  };
}

/** Every character the PDF's ToUnicode maps name: the text a reader can show and search. */
function mappedText(pdf: Buffer): string {
  let text = '';
  const raw = pdf.toString('latin1');
  for (const match of raw.matchAll(/stream\r?\n([\s\S]*?)endstream/g)) {
    let body: string;
    try {
      body = inflateSync(Buffer.from(match[1]!, 'latin1')).toString('latin1');
    } catch {
      continue;
    }
    if (!body.includes('begincmap')) continue;
    for (const array of body.matchAll(/\[([^\]]*)\]/g))
      for (const hex of array[1]!.matchAll(/<([0-9a-fA-F]+)>/g))
        text += Buffer.from(hex[1]!, 'hex').swap16().toString('utf16le');
  }
  return text;
}

test('the PDF embeds a Noto Sans SC subset mapping the Chinese it shows', async () => {
  const customerId = await customerOf(crm, '张伟');
  const robot = await product(crm, 'YF-AGV-300');
  const quote = await draftQuote(zhangwei, customerId, [{ productId: robot.id, quantity: 1 }]);
  const pdf = await download(`/api/quotes/${quote.id}/pdf`, zhangwei.token);
  expect(pdf.status).toBe(200);
  expect(pdf.type).toBe('application/pdf');
  expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
  const raw = pdf.bytes.toString('latin1');
  expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-Regular/);
  expect(raw).toContain('/FontFile2');
  // A subset, not the 10 MB font.
  expect(pdf.bytes.length).toBeLessThan(300_000);
  const shown = new Set(mappedText(pdf.bytes));
  const { rows } = await crm.db.query<{ name: string }>('select name from customer where id = $1', [
    customerId,
  ]);
  for (const words of [rows[0]!.name, '报价单', '潜伏式搬运机器人', '人民币壹拾贰万捌仟元整', '云帆智能科技'])
    for (const ch of words) expect(shown.has(ch), `${ch} of ${words}`).toBe(true);
});

test('a signed link downloads without signing in; forged, altered, other-quote or absent tokens do not', async () => {
  const robot = await product(crm, 'YF-AGV-300');
  const customerId = await customerOf(crm, '张伟');
  const [one, two] = [
    await draftQuote(zhangwei, customerId, [{ productId: robot.id, quantity: 1 }]),
    await draftQuote(zhangwei, customerId, [{ productId: robot.id, quantity: 2 }]),
  ];
  const link = await zhangwei.send('POST', `/api/quotes/${one.id}/pdf-link`);
  expect(link.status).toBe(200);
  const url = new URL(link.body.url);
  const minutes = (Date.parse(link.body.expiresAt) - Date.now()) / 60_000;
  expect(minutes).toBeGreaterThan(14);
  expect(minutes).toBeLessThanOrEqual(15);
  const token = url.searchParams.get('token')!;
  const ok = await download(`${url.pathname}?token=${encodeURIComponent(token)}`);
  expect(ok.status).toBe(200);
  expect(ok.bytes.subarray(0, 5).toString()).toBe('%PDF-');

  const [id, expires, mac] = token.split('.');
  const later = `${id}.${Number(expires) + 3600}.${mac}`;
  for (const bad of [later, `${id}.${expires}.${'A'.repeat(mac!.length)}`, 'x.y.z'])
    expect((await download(`/api/quotes/${one.id}/pdf?token=${encodeURIComponent(bad)}`)).status).toBe(404);
  expect((await download(`/api/quotes/${two.id}/pdf?token=${encodeURIComponent(token)}`)).status).toBe(404);
  expect((await download(`/api/quotes/${one.id}/pdf`)).status).toBe(401);
  // Someone signed in who cannot see the customer gets nothing either.
  const outsider = await crm.as('周杰');
  expect((await download(`/api/quotes/${one.id}/pdf`, outsider.token)).status).toBe(404);
});
