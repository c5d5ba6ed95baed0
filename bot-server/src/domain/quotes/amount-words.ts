// An amount in cents as Chinese capital numerals (人民币大写), the way invoices and contracts write
// it (《支付结算办法》): 壹拾贰万元整, 壹仟肆佰零玖元伍角整, 壹仟万零壹元整, 零元整. One 零 stands
// for any run of zeros between two digits; "整" follows 元 or 角, never 分.

const digits = '零壹贰叁肆伍陆柒捌玖';
const places = ['', '拾', '佰', '仟'];
const groupUnits = ['', '万', '亿', '万亿'];

function yuanWords(yuan: number): string {
  if (yuan === 0) return '零';
  const groups: number[] = [];
  for (let rest = yuan; rest > 0; rest = Math.floor(rest / 10_000)) groups.push(rest % 10_000);
  let words = '';
  let zeroPending = false;
  for (let g = groups.length - 1; g >= 0; g--) {
    const group = groups[g] as number;
    for (let place = 3; place >= 0; place--) {
      const digit = Math.floor(group / 10 ** place) % 10;
      if (digit === 0) {
        zeroPending = words !== '';
        continue;
      }
      if (zeroPending) words += '零';
      zeroPending = false;
      words += digits[digit] + (places[place] as string);
    }
    if (group !== 0) words += groupUnits[g];
  }
  return words;
}

export function amountInWords(cents: number): string {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new RangeError(`not an amount in cents: ${cents}`);
  const yuan = Math.floor(cents / 100);
  const jiao = Math.floor(cents / 10) % 10;
  const fen = cents % 10;
  if (jiao === 0 && fen === 0) return `人民币${yuanWords(yuan)}元整`;
  const head = yuan === 0 ? '' : `${yuanWords(yuan)}元`;
  const jiaoPart = jiao === 0 ? (yuan === 0 ? '' : '零') : `${digits[jiao]}角`;
  const fenPart = fen === 0 ? '整' : `${digits[fen]}分`;
  return `人民币${head}${jiaoPart}${fenPart}`;
}
