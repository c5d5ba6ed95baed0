import type { ContractDraft, ContractStatus } from './contracts';

// The contract form's rules as a person meets them before the server does: an amount typed in
// yuan (commas, a ¥ and up to two decimals allowed) becomes integer cents, and each missing or
// impossible field gets its Chinese message. The server checks the same again (and has the last
// word); this only saves a round trip. Pure, unit-tested.

export interface ContractForm {
  number: string;
  name: string;
  /** Yuan, as typed. */
  amount: string;
  startDate: string;
  endDate: string;
  signedDate: string;
}

export const emptyContractForm: ContractForm = {
  number: '',
  name: '',
  amount: '',
  startDate: '',
  endDate: '',
  signedDate: '',
};

/** `600,000.5` → 60000050; null for anything that is not a positive amount with at most two decimals. */
export function yuanToCents(text: string): number | null {
  const plain = text.replace(/[¥,，\s]/g, '');
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(plain);
  if (!match) return null;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(cents) && cents > 0 ? cents : null;
}

/** 60000050 → `600000.50`, 60000000 → `600000`: the amount as the form shows it for editing. */
export const centsToYuanText = (cents: number): string =>
  cents % 100 === 0
    ? String(cents / 100)
    : `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

/** What is wrong with the form, field by field (empty: nothing). */
export function contractFormErrors(form: ContractForm): Partial<Record<keyof ContractForm, string>> {
  const errors: Partial<Record<keyof ContractForm, string>> = {};
  if (form.number.trim() === '') errors.number = '请填写合同编号';
  if (form.name.trim() === '') errors.name = '请填写合同名称';
  if (form.amount.trim() === '') errors.amount = '请填写合同金额';
  else if (yuanToCents(form.amount) === null) errors.amount = '合同金额应为大于 0 的数字，最多两位小数';
  if (form.startDate === '') errors.startDate = '请选择开始日期';
  if (form.endDate === '') errors.endDate = '请选择结束日期';
  else if (form.startDate !== '' && form.endDate < form.startDate)
    errors.endDate = '结束日期不能早于开始日期';
  return errors;
}

/** The form as the API takes it (call after contractFormErrors found nothing). */
export function contractFields(form: ContractForm): Omit<ContractDraft, 'customerId' | 'opportunityId'> {
  return {
    number: form.number.trim(),
    name: form.name.trim(),
    amountCents: yuanToCents(form.amount) ?? 0,
    startDate: form.startDate,
    endDate: form.endDate,
    signedDate: form.signedDate === '' ? null : form.signedDate,
  };
}

/** 2026-01-01 至 2026-12-31 */
export const contractPeriod = (c: { startDate: string; endDate: string }) => `${c.startDate} 至 ${c.endDate}`;

/** The largest scan the server takes (20 MB). */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

/** 823 KB, 3.2 MB. */
export const fileSize = (bytes: number): string =>
  bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Why a picked file cannot go up, before it is sent (the server refuses the same with 413). */
export function attachmentProblem(file: { size: number }): string | null {
  if (file.size === 0) return '附件是空文件，请重新选择';
  if (file.size > ATTACHMENT_MAX_BYTES)
    return `附件不能超过 20 MB（这个文件 ${fileSize(file.size)}），请压缩或分成几份上传`;
  return null;
}

/** A contract state's pill tone (components/record.css): 已生效 green, 审批中 orange, 已终止 red. */
export const contractTone: Record<ContractStatus, string> = {
  draft: 'grey',
  pending: 'orange',
  active: 'green',
  expired: 'grey',
  terminated: 'red',
};
