import type { Task } from '@kelian/orm';
import type { FilterQuery } from '@mikro-orm/postgresql';
import type { Access } from '../access/access.js';
import { usersCovered } from '../access/policy.js';

/**
 * A task is its assignee's; a manager (or admin) also reaches the tasks of the people their
 * managing scope covers. Other roles with a wide data scope (procurement, service) do not: seeing
 * customers is not running a rep's to-do list.
 */
export const taskScope = (access: Access): FilterQuery<Task> => ({
  $or: [{ assignee: access.userId }, { assignee: usersCovered(access, 'task', 'reassign') }],
});
