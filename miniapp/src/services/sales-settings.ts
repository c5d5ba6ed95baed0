import { request } from './api';
import type { Answer, Body } from './contract';

// The sales settings an administrator keeps (销售设置 in the console): lead assignment rules,
// follow-up rules, pipeline stages and monthly targets. The server checks every change and refuses
// bad input in Chinese; the pages send what was typed and show its answer.

export const ASSIGNMENT_PAGE = '/pages/admin/assignment';
export const FOLLOWUP_RULES_PAGE = '/pages/admin/followup-rules';
export const STAGES_PAGE = '/pages/admin/stages';
export const TARGETS_PAGE = '/pages/admin/targets';

export type AssignmentRule = Answer<'/api/assignment-rules', 'get'>['items'][number];
export type AssignmentRuleInput = Body<'/api/assignment-rules', 'post'>;
export type FollowUpRule = Answer<'/api/followup-rules', 'get'>['items'][number];
export type FollowUpRuleInput = Body<'/api/followup-rules', 'post'>;
export type PipelineStage = Answer<'/api/stages', 'get'>['items'][number];
export type StageInput = Body<'/api/stages', 'post'>;
export type TargetSheet = Answer<'/api/targets/sheet', 'get'>;
export type TargetTeam = TargetSheet['teams'][number];

export const listAssignmentRules = async () =>
  (await request<{ items: AssignmentRule[] }>('GET', '/api/assignment-rules')).items;
export const createAssignmentRule = (input: AssignmentRuleInput) =>
  request<AssignmentRule>('POST', '/api/assignment-rules', { data: input });
export const saveAssignmentRule = (id: number, input: Body<'/api/assignment-rules/{id}', 'patch'>) =>
  request<AssignmentRule>('PATCH', `/api/assignment-rules/${id}`, { data: input });
export const deleteAssignmentRule = (id: number) => request<void>('DELETE', `/api/assignment-rules/${id}`);

export const listFollowUpRules = async () =>
  (await request<{ items: FollowUpRule[] }>('GET', '/api/followup-rules')).items;
export const createFollowUpRule = (input: FollowUpRuleInput) =>
  request<FollowUpRule>('POST', '/api/followup-rules', { data: input });
export const saveFollowUpRule = (id: number, input: Body<'/api/followup-rules/{id}', 'patch'>) =>
  request<FollowUpRule>('PATCH', `/api/followup-rules/${id}`, { data: input });
export const deleteFollowUpRule = (id: number) => request<void>('DELETE', `/api/followup-rules/${id}`);

export const listStages = async () => (await request<{ items: PipelineStage[] }>('GET', '/api/stages')).items;
export const createStage = (input: StageInput) =>
  request<PipelineStage>('POST', '/api/stages', { data: input });
export const saveStage = (id: number, input: Body<'/api/stages/{id}', 'patch'>) =>
  request<PipelineStage>('PATCH', `/api/stages/${id}`, { data: input });

export const targetSheet = (month: string) =>
  request<TargetSheet>('GET', `/api/targets/sheet?month=${encodeURIComponent(month)}`);
export const setTarget = (input: Body<'/api/targets', 'put'>) =>
  request<unknown>('PUT', '/api/targets', { data: input });
