import { get } from './api';
import { optional } from './customers';

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

/** The tag groups, or none while the server does not offer them yet. */
export const listTagGroups = () => optional(get<{ items: TagGroup[] }>('/api/tag-groups'));
