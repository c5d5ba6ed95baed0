import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { formatMoney } from '@kelian/cards';
import PDFDocument from 'pdfkit';
import { amountInWords } from './amount-words.js';

// A quote as the PDF a rep sends to the customer: the company, the customer, the lines, the totals
// in figures and in capitals (人民币壹拾贰万元整), the validity. The Chinese font is Noto Sans SC
// (SIL OFL 1.1) from an npm package the project installs, never the machine's fonts: the same file
// on every server. pdfkit embeds only the glyphs used (a subset) with their Unicode map, so the
// text can be searched and copied.

export interface QuotePdfView {
  companyName: string;
  number: string;
  title: string;
  customerName: string;
  ownerName: string;
  issuedOn: string;
  validUntil: string;
  lines: {
    name: string;
    sku: string;
    specification: string;
    unit: string;
    quantity: number;
    unitPriceCents: number;
    discountBp: number;
    amountCents: number;
  }[];
  listTotalCents: number;
  totalCents: number;
}

const fontFile = createRequire(import.meta.url).resolve(
  '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
);
/** Read once, on the first PDF (10 MB): every later quote is rendered from memory. */
let fontBytes: Buffer | undefined;

const page = { margin: 40, width: 595.28 };
const inner = page.width - 2 * page.margin;
/** Column x offsets and widths of the lines table (points). */
const columns = [
  { title: '序号', width: 30, align: 'left' },
  { title: '产品', width: 150, align: 'left' },
  { title: '规格', width: 80, align: 'left' },
  { title: '单位', width: 35, align: 'left' },
  { title: '数量', width: 45, align: 'right' },
  { title: '单价', width: 65, align: 'right' },
  { title: '折扣', width: 40, align: 'right' },
  { title: '金额', width: inner - 445, align: 'right' },
] as const;

const percent = (bp: number) => (bp === 0 ? '—' : `${bp / 100}%`);

function row(doc: PDFKit.PDFDocument, cells: string[], y: number, size: number): number {
  let x = page.margin;
  let height = 0;
  doc.fontSize(size);
  cells.forEach((cell, i) => {
    const column = columns[i] as (typeof columns)[number];
    const options = { width: column.width - 4, align: column.align };
    height = Math.max(height, doc.heightOfString(cell, options));
    doc.text(cell, x, y, options);
    x += column.width;
  });
  return y + height + 6;
}

export function renderQuotePdf(view: QuotePdfView): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: page.margin,
    info: { Title: `报价单 ${view.number}`, Author: view.companyName },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  fontBytes ??= readFileSync(fontFile);
  doc.registerFont('cjk', fontBytes);
  doc.font('cjk');

  doc.fontSize(16).text(view.companyName, { align: 'center' });
  doc.fontSize(22).text('报 价 单', { align: 'center' });
  doc.moveDown(0.5);
  doc.fontSize(10);
  doc.text(`报价单号：${view.number}　　报价日期：${view.issuedOn}　　有效期至：${view.validUntil}`);
  doc.text(`客户：${view.customerName}`);
  doc.text(`项目：${view.title}　　报价人：${view.ownerName}`);
  doc.moveDown(0.8);

  let y = row(
    doc,
    columns.map((c) => c.title),
    doc.y,
    10,
  );
  doc
    .moveTo(page.margin, y - 3)
    .lineTo(page.margin + inner, y - 3)
    .stroke();
  view.lines.forEach((line, i) => {
    if (y > 760) {
      doc.addPage();
      y = page.margin;
    }
    y = row(
      doc,
      [
        String(i + 1),
        `${line.name}\n${line.sku}`,
        line.specification || '—',
        line.unit,
        String(line.quantity),
        formatMoney(line.unitPriceCents),
        percent(line.discountBp),
        formatMoney(line.amountCents),
      ],
      y,
      9,
    );
  });
  doc
    .moveTo(page.margin, y - 3)
    .lineTo(page.margin + inner, y - 3)
    .stroke();

  doc.fontSize(11).text(`合计（小写）：${formatMoney(view.totalCents)}`, page.margin, y + 6, {
    align: 'right',
    width: inner,
  });
  doc.text(`合计（大写）：${amountInWords(view.totalCents)}`, { align: 'right', width: inner });
  if (view.listTotalCents > view.totalCents)
    doc
      .fontSize(9)
      .text(
        `标准价合计 ${formatMoney(view.listTotalCents)}，优惠 ${formatMoney(view.listTotalCents - view.totalCents)}`,
        {
          align: 'right',
          width: inner,
        },
      );
  doc.moveDown(1.5);
  doc
    .fontSize(9)
    .text(
      `本报价有效期至 ${view.validUntil}，逾期请重新询价。如有疑问请联系报价人${view.ownerName}。`,
      page.margin,
    );
  doc.end();
  return done;
}
