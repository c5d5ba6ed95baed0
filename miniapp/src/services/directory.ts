import { get } from './api';

// The company's people and tags as pickers offer them: owners (更换负责人, the owner filter) come
// from GET /api/users, which only lists those the signed-in user may pick; tags from their groups.

export interface Colleague {
  id: number;
  name: string;
  department: { id: number; name: string } | null;
}

export interface TagGroup {
  id: number;
  name: string;
  /** At most one tag of the group on a customer. */
  exclusive: boolean;
  tags: { id: number; name: string; color: string | null }[];
}

export const listColleagues = async () => (await get<{ items: Colleague[] }>('/api/users')).items;

export const listTagGroups = async () => (await get<{ items: TagGroup[] }>('/api/tag-groups')).items;
