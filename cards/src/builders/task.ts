import type { CardAudience } from '../audience/audience.js';
import { formatDateTime } from '../format/date.js';
import type { Card } from '../model/card.js';
import { createCard } from '../model/create-card.js';
import { callback, link, rows } from './parts.js';
import { paths } from './paths.js';

export type TaskCardState =
  | { kind: 'due' }
  | { kind: 'done'; by: string }
  | { kind: 'postponed'; until: Date };

export interface TaskCardView {
  cardId: string;
  taskId: string;
  /** What to do: 回访, 续约提醒, 回款提醒… */
  what: string;
  /** Absent for a task about no customer: the card then opens the 待办 page. */
  customerId?: string;
  customerName: string;
  dueAt: Date;
  /** The follow-up rule that created the task, shown so the rep knows why. */
  rule?: string;
  state: TaskCardState;
}

/**
 * A follow-up task reminder. Task cards show no sensitive fields, but take the audience like every
 * builder so a later field (a receivable amount) cannot forget the masking.
 */
export function buildTaskCard(view: TaskCardView, _audience: CardAudience): Card {
  const target = view.customerId ? paths.customer(view.customerId) : paths.tasks();
  const openCustomer = link(view.customerId ? '打开客户' : '打开待办', target);
  const base = {
    id: view.cardId,
    kind: 'task' as const,
    title: view.what,
    subtitle: `跟进提醒 · ${view.customerName}`,
    fields: rows(['客户', view.customerName], ['截止', formatDateTime(view.dueAt)], ['规则', view.rule]),
    link: { path: target },
  };
  const { state } = view;
  switch (state.kind) {
    case 'due':
      return createCard({
        ...base,
        status: { text: '待跟进', tone: 'warning', badge: '待跟进' },
        actions: [
          callback('完成', 'primary', 'task.complete', view.taskId),
          callback('推迟1天', 'default', 'task.postpone', view.taskId, '1d'),
          openCustomer,
        ],
      });
    case 'done':
      return createCard({
        ...base,
        status: { text: `${state.by} 已完成`, tone: 'success', badge: '已完成' },
        actions: [],
      });
    case 'postponed':
      return createCard({
        ...base,
        status: { text: `已推迟到 ${formatDateTime(state.until)}`, tone: 'neutral', badge: '已推迟' },
        actions: [callback('完成', 'primary', 'task.complete', view.taskId), openCustomer],
      });
  }
}
