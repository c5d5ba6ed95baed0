import { InvalidInputError } from '../errors.js';

// What a customer's identifiers must look like. The API's schemas use these, and so will imports.

/** A mainland mobile number: 11 digits, 1 then 3–9. */
export const mobilePattern = /^1[3-9]\d{9}$/;

// 统一社会信用代码 (GB 32100-2015): 18 characters from 31 (digits and capitals without I O S V Z):
// registration authority, category, a 6-digit region code, the 9-character organisation code,
// and a check character computed over the first 17.
const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const creditCodeShape = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export function creditCodeProblem(code: string): string | undefined {
  if (!creditCodeShape.test(code))
    return '统一社会信用代码应为 18 位数字或大写字母（不含 I、O、S、V、Z），第 3–8 位为数字';
  const sum = weights.reduce((total, weight, i) => total + alphabet.indexOf(code[i]!) * weight, 0);
  const check = alphabet[(31 - (sum % 31)) % 31];
  return code[17] === check ? undefined : '统一社会信用代码校验位不正确，请核对';
}

/** Rules across fields, checked on the customer as it will be saved. */
export function refuseInconsistent(customer: { kind: string; creditCode?: string | null }): void {
  if (customer.kind === 'person' && customer.creditCode)
    throw new InvalidInputError('creditCode', '个人客户没有统一社会信用代码');
}
