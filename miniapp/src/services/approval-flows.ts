import { get, post } from './api';
import type { Answer, Body } from './contract';

// bot-server's /api/approval-flows as the admin console's flow editor uses them: every document
// type with its current flow and the fields its conditions may read; checking, previewing and
// saving a new version (runs in progress keep the version they started with).

export const APPROVAL_FLOWS_PAGE = '/pages/admin/approval-flows';

export type FlowType = Answer<'/api/approval-flows', 'get'>['items'][number];
export type FlowField = FlowType['fields'][number];
export type FlowInput = Body<'/api/approval-flows/{docType}', 'post'>;
export type FlowDefinition = FlowInput['definition'];
export type FlowNode = FlowDefinition['nodes'][number];
export type ApproveNode = Extract<FlowNode, { kind: 'approve' }>;
export type ConditionNode = Extract<FlowNode, { kind: 'condition' }>;
export type ApproverSource = ApproveNode['approvers'];
export type FlowCondition = ConditionNode['branches'][number]['when'][number];
export type Preview = Answer<'/api/approval-flows/{docType}/preview', 'post'>;

export const listFlows = () => get<{ items: FlowType[] }>('/api/approval-flows');
export const checkFlow = (docType: string, flow: FlowInput) =>
  post<{ ok: true }>(`/api/approval-flows/${docType}/validate`, flow);
export const saveFlow = (docType: string, flow: FlowInput) =>
  post<NonNullable<FlowType['flow']>>(`/api/approval-flows/${docType}`, flow);
export const previewFlow = (docType: string, body: Body<'/api/approval-flows/{docType}/preview', 'post'>) =>
  post<Preview>(`/api/approval-flows/${docType}/preview`, body);

export type FlowVersion = Answer<'/api/approval-flows/{docType}/versions', 'get'>['items'][number];
export const listFlowVersions = (docType: string) =>
  get<{ items: FlowVersion[] }>(`/api/approval-flows/${docType}/versions`);
