import { get, post } from './api';
import type { Answer, Body, Query } from './contract';

// bot-server's receivables API (回款计划 / 回款记录) as the 回款 pages and the customer's 回款 block
// use it; the shapes are the server's own (see ./contract).

export const CONTRACT_PLAN_PAGE = '/pages/receivables/contract';

export type Instalments = Answer<'/api/receivables', 'get'>;
export type Instalment = Instalments['items'][number];
export type ReceivableView = NonNullable<Query<'/api/receivables', 'get'>['view']>;
export type CustomerReceivables = Answer<'/api/customers/{id}/receivables', 'get'>;
export type ContractPlan = Answer<'/api/contracts/{id}/receivables', 'get'>;
export type NewReceipt = Body<'/api/receivables/{id}/receipts', 'post'>;
export type ReceiptMethod = NewReceipt['method'];

export const receiptMethods: { value: ReceiptMethod; label: string }[] = [
  { value: 'bank', label: '银行转账' },
  { value: 'online', label: '线上支付' },
  { value: 'acceptance', label: '承兑汇票' },
  { value: 'cash', label: '现金' },
  { value: 'other', label: '其他' },
];

export const listReceivables = (view: ReceivableView, cursor?: string) =>
  get<Instalments>(
    `/api/receivables?view=${view}&limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
  );
export const customerReceivables = (customerId: number) =>
  get<CustomerReceivables>(`/api/customers/${customerId}/receivables`);
export const contractPlan = (contractId: number) =>
  get<ContractPlan>(`/api/contracts/${contractId}/receivables`);
export const recordReceipt = (instalmentId: number, receipt: NewReceipt) =>
  post<Answer<'/api/receivables/{id}/receipts', 'post'>>(
    `/api/receivables/${instalmentId}/receipts`,
    receipt,
  );

/** ¥12,000.50 typed by a person → 1200050 cents; undefined when it is not an amount of money. */
export function centsOf(yuan: string): number | undefined {
  const match = /^\s*(\d{1,12})(?:\.(\d{1,2}))?\s*$/.exec(yuan.replace(/[,，¥￥]/g, ''));
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

export const REFUND_PAGE = '/pages/receivables/refund';

export type Refund = Answer<'/api/refunds', 'get'>['items'][number];
export type NewRefund = Body<'/api/refunds', 'post'>;

export const listRefunds = (contractId: number) =>
  get<Answer<'/api/refunds', 'get'>>(`/api/refunds?contractId=${contractId}`);
export const requestRefund = (refund: NewRefund) =>
  post<Answer<'/api/refunds', 'post', 201>>('/api/refunds', refund);
