import { FULL_VIEW } from '../audience/audience.js';
import { buildTaskCard, type TaskCardState, type TaskCardView } from '../builders/task.js';
import { at, type CardSample } from './sample.js';

const view = (state: TaskCardState): TaskCardView => ({
  cardId: 'task-K4001-v1',
  taskId: 'K4001',
  what: '首次拜访后回访',
  customerId: 'C5001',
  customerName: '北京星河智能科技有限公司',
  dueAt: at('2025-03-08T17:00'),
  rule: '首次联系 3 天后回访',
  state,
});

const sample = (name: string, label: string, state: TaskCardState): CardSample => ({
  name: `task-${name}`,
  label: `跟进任务 · ${label}`,
  delivery: state.kind === 'due' ? 'send' : 'update',
  card: buildTaskCard(view(state), FULL_VIEW),
});

export const taskSamples: CardSample[] = [
  sample('due', '到期提醒', { kind: 'due' }),
  sample('done', '已完成', { kind: 'done', by: '张三' }),
  sample('postponed', '已推迟 1 天', { kind: 'postponed', until: at('2025-03-09T17:00') }),
];
