import { get } from './api';
import type { Answer } from './contract';
import { optional } from './customers';

// The company's people and tags as pickers offer them: owners (更换负责人, the owner filter) come
// from GET /api/users, which only lists those the signed-in user may pick; tags from their groups.

export type Colleague = Answer<'/api/users', 'get'>['items'][number];
export type TagGroup = Answer<'/api/tag-groups', 'get'>['items'][number];

export const listColleagues = async () => (await get<{ items: Colleague[] }>('/api/users')).items;

/** The tag groups, or none while the server does not offer them yet. */
export const listTagGroups = () => optional(get<{ items: TagGroup[] }>('/api/tag-groups'));
