import { get, post } from './api';
import type { Answer, Body, Query } from './contract';

// bot-server's /api/approvals as the 审批 pages use it: a person's four boxes (keyset pages), one
// run with its flow's steps and timeline, and the decisions on it. Each decision answers with the
// run as it now stands, so the page shows the new state without a second request.

export const APPROVALS_PAGE = '/pages/approvals/index';
export const APPROVAL_PAGE = '/pages/approvals/detail';

export type Box = NonNullable<Query<'/api/approvals', 'get'>['box']>;
export type BoxPage = Answer<'/api/approvals', 'get'>;
export type BoxItem = BoxPage['items'][number];
export type Approval = Answer<'/api/approvals/{id}', 'get'>;
export type ApprovalStep = Approval['steps'][number];
export type StepTask = ApprovalStep['tasks'][number];
export type TimelineEntry = Approval['timeline'][number];

export const listBox = (box: Box, cursor?: string, limit = 20) =>
  get<BoxPage>(
    `/api/approvals?box=${box}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
  );
export const fetchApproval = (id: number) => get<Approval>(`/api/approvals/${id}`);

export const approve = (id: number, taskId: number, reason?: string) =>
  post<Approval>(`/api/approvals/${id}/approve`, {
    taskId,
    ...(reason ? { reason } : {}),
  } satisfies Body<'/api/approvals/{id}/approve', 'post'>);
export const reject = (id: number, taskId: number, reason: string) =>
  post<Approval>(`/api/approvals/${id}/reject`, {
    taskId,
    reason,
  } satisfies Body<'/api/approvals/{id}/reject', 'post'>);
export const withdraw = (id: number) => post<Approval>(`/api/approvals/${id}/withdraw`);
/** 催办 (the submitter): each approver of the current step gets a reminder card; once an hour each. */
export const remind = (id: number) => post<Approval>(`/api/approvals/${id}/remind`);
export const transfer = (id: number, toUserId: number) =>
  post<Approval>(`/api/approvals/${id}/transfer`, {
    toUserId,
  } satisfies Body<'/api/approvals/{id}/transfer', 'post'>);
