import { apiBase, get, patch, post, request } from './api';
import type { Answer, Body } from './contract';

// bot-server's /api/contracts as the contract pages and the customer's 合同 section use them.

export const CONTRACT_PAGE = '/pages/contracts/detail';
export const CONTRACT_EDIT_PAGE = '/pages/contracts/edit';

/** One contract as its page reads it, with its newest approval (approvalId). */
export type Contract = Answer<'/api/contracts/{id}', 'get'>;
/** A contract as lists and changes answer it. */
export type ContractSummary = Answer<'/api/contracts', 'get'>['items'][number];
export type ContractStatus = Contract['status'];
export type ContractDraft = Body<'/api/contracts', 'post'>;
export type ContractChange = Body<'/api/contracts/{id}', 'patch'>;

export const listCustomerContracts = (customerId: number) =>
  get<Answer<'/api/contracts', 'get'>>(`/api/contracts?customerId=${customerId}&limit=50`);
export const fetchContract = (id: number) => get<Contract>(`/api/contracts/${id}`);
export const createContract = (draft: ContractDraft) => post<ContractSummary>('/api/contracts', draft);
export const updateContract = (id: number, change: ContractChange) =>
  patch<ContractSummary>(`/api/contracts/${id}`, change);
export const submitContract = (id: number) =>
  post<Answer<'/api/contracts/{id}/submit', 'post'>>(`/api/contracts/${id}/submit`, {});
export const terminateContract = (id: number, reason: string) =>
  post<ContractSummary>(`/api/contracts/${id}/terminate`, {
    reason,
  } satisfies Body<'/api/contracts/{id}/terminate', 'post'>);

export type Attachment = Answer<'/api/contracts/{id}/attachments', 'get'>['items'][number];

export const listAttachments = (contractId: number) =>
  get<{ items: Attachment[] }>(`/api/contracts/${contractId}/attachments`);
export const uploadAttachment = (contractId: number, name: string, data: ArrayBuffer | Blob) =>
  request<Attachment>('POST', `/api/contracts/${contractId}/attachments?name=${encodeURIComponent(name)}`, {
    data,
    binary: true,
    timeout: 120_000,
  });
export const deleteAttachment = (contractId: number, attachmentId: number) =>
  request<void>('DELETE', `/api/contracts/${contractId}/attachments/${attachmentId}`);
/** Where an attachment's bytes are served (with the session's token). */
export const attachmentUrl = (contractId: number, attachmentId: number) =>
  `${apiBase}/api/contracts/${contractId}/attachments/${attachmentId}`;
