import { type Task, TaskSchema } from '@kelian/orm';
import { personOf, rowSource } from './source.js';

/** Tasks about the customer that someone completed, at the time they did. */
export const tasksDoneSource = rowSource<Task>({
  name: 'task',
  entity: TaskSchema,
  column: 'done_at',
  where: ({ customer }) => ({ customer: customer.id, status: 'done', doneAt: { $ne: null } }),
  populate: ['assignee'],
  entry: (task) => ({
    at: task.doneAt!,
    type: 'task_done',
    title: `完成待办「${task.title}」`,
    body: task.note ?? null,
    by: personOf(task.assignee),
  }),
});
