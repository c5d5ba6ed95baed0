import { request } from './api';
import type { Answer } from './contract';

// Merging one person's two accounts (bot-server/src/api/roles/merge-routes.ts): the likely pairs,
// what a merge would move, and the merge. Administrators only, like the rest of the console.

export type MergePlan = Answer<'/api/admin/users/{id}/merge-preview', 'get'>;
export type MergeSuggestion = Answer<'/api/admin/users/merge-suggestions', 'get'>['items'][number];

export const mergeSuggestions = async () =>
  (await request<{ items: MergeSuggestion[] }>('GET', '/api/admin/users/merge-suggestions')).items;

export const previewMerge = (keptId: number, otherId: number) =>
  request<MergePlan>('GET', `/api/admin/users/${keptId}/merge-preview?otherId=${otherId}`);

export const mergeUsers = (keptId: number, otherId: number) =>
  request<MergePlan>('POST', `/api/admin/users/${keptId}/merge`, { data: { otherId } });
