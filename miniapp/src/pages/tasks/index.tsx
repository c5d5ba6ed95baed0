import { formatDate } from '@kelian/cards/format/date';
import { Checked, Clock } from '@nutui/icons-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { PagedList } from '../../components/paged-list';
import { Tabs } from '../../components/states';
import { messageOf } from '../../services/api';
import type { Page } from '../../services/contract';
import { when } from '../../services/customer-format';
import { DETAIL_PAGE } from '../../services/customers';
import {
  completeTask,
  LEAD_PAGE,
  listTasks,
  postponeTask,
  type Task,
  type TaskView,
} from '../../services/sales';
import { dueText, isOverdue } from '../../services/sales-format';
import { usePagedTabs } from '../../services/use-paged-tabs';
import '../../components/sales.css';
import './index.css';

// 待办: what I have to do today (overdue included), what is late, what comes later, what is done.
// 完成 and 推迟1天 act on the spot; a tap opens the customer (or lead) the task is about.

type Tab = 'today' | 'overdue' | 'upcoming' | 'done';

const tabs: { key: Tab; label: string; view: TaskView; empty: string }[] = [
  { key: 'today', label: '今天', view: 'today', empty: '今天的待办都处理完了' },
  { key: 'overdue', label: '已逾期', view: 'overdue', empty: '没有逾期的待办，保持住' },
  { key: 'upcoming', label: '即将', view: 'open', empty: '之后还没有安排待办' },
  { key: 'done', label: '已完成', view: 'done', empty: '还没有完成的待办' },
];

/** Midnight after today on a Beijing clock: 即将 is what is due from then on. */
const endOfToday = (now = Date.now()) =>
  Date.parse(`${formatDate(new Date(now + 86_400_000))}T00:00:00+08:00`);

/** A tab's page of tasks; 即将 is the open ones due after today. */
async function fetchTab(which: Tab, after?: string): Promise<Page<Task>> {
  const spec = tabs.find((t) => t.key === which) ?? tabs[0]!;
  const page = await listTasks(spec.view, after, which === 'upcoming' ? 100 : 20);
  if (which !== 'upcoming') return page;
  const later = endOfToday();
  return { ...page, items: page.items.filter((t) => Date.parse(t.dueAt) >= later) };
}

export default function TasksPage() {
  const list = usePagedTabs<Tab, Task>('today', fetchTab);
  const { tab, items, error, choose } = list;
  const [busy, setBusy] = useState<number | null>(null);

  const act = async (task: Task, change: (id: number) => Promise<Task>, message: string) => {
    setBusy(task.id);
    try {
      const changed = await change(task.id);
      void Taro.showToast({ title: message, icon: 'none' });
      // Done, or pushed out of 今天/已逾期: it leaves this list; otherwise it shows its new time.
      const stays = tab === 'upcoming' && changed.status === 'open';
      list.setItems((before) =>
        (before ?? []).flatMap((t) => (t.id !== task.id ? [t] : stays ? [changed] : [])),
      );
    } catch (e) {
      void Taro.showToast({ title: messageOf(e), icon: 'none' });
    } finally {
      setBusy(null);
    }
  };

  const spec = tabs.find((t) => t.key === tab) ?? tabs[0]!;

  return (
    <View className="k-page tasks">
      <Tabs tabs={tabs} current={tab} onChoose={choose} />
      {content()}
    </View>
  );

  function content() {
    return (
      <PagedList
        items={items}
        error={error}
        what="待办"
        empty={{
          title: spec.empty,
          detail: '在客户详情页写跟进时填上下一步日期，到时会自动生成待办并提醒你。',
        }}
        hasMore={list.hasMore}
        countText={`共 ${items?.length ?? 0} 条`}
        className="tasks__list"
        onRetry={list.reload}
        onRetryMore={list.loadMore}
      >
        {items?.map((task) => (
          <TaskRow
            key={task.id}
            task={task}
            busy={busy === task.id}
            onDone={() => void act(task, completeTask, '已完成')}
            onPostpone={() => void act(task, postponeTask, '已推迟到明天')}
          />
        ))}
      </PagedList>
    );
  }
}

interface RowProps {
  task: Task;
  busy: boolean;
  onDone(): void;
  onPostpone(): void;
}

function TaskRow({ task, busy, onDone, onPostpone }: RowProps) {
  const done = task.status === 'done';
  const late = !done && isOverdue(task.dueAt);
  const about = task.customer?.name ?? task.lead?.company ?? task.opportunity?.name ?? null;
  const open = () => {
    if (task.customer) void Taro.navigateTo({ url: `${DETAIL_PAGE}?id=${task.customer.id}` });
    else if (task.lead) void Taro.navigateTo({ url: `${LEAD_PAGE}?id=${task.lead.id}` });
  };
  return (
    <View className={`task-row${done ? ' task-row--done' : ''}`} onClick={open}>
      <View
        className={`task-row__check${done ? ' task-row__check--done' : ''}`}
        aria-label="完成"
        onClick={(e) => {
          e.stopPropagation();
          if (!done && !busy) onDone();
        }}
      >
        {done ? <Checked size={14} color="#ffffff" /> : null}
      </View>
      <View className="task-row__main">
        <Text className="task-row__title">{task.title}</Text>
        {about ? <Text className="task-row__about">{about}</Text> : null}
        {task.note ? <Text className="task-row__note">{task.note}</Text> : null}
        <View className="task-row__meta">
          <Clock size={12} color={late ? '#f53f3f' : '#86909c'} />
          <Text className={`task-row__due${late ? ' task-row__due--late' : ''}`}>
            {done && task.doneAt ? `${when(task.doneAt)} 完成` : dueText(task.dueAt)}
          </Text>
          {task.postponements > 0 ? (
            <Text className="task-row__postponed">已推迟 {task.postponements} 次</Text>
          ) : null}
        </View>
        {done ? null : (
          <View className="k-row-actions">
            <Text
              className="k-row-action"
              onClick={(e) => {
                e.stopPropagation();
                if (!busy) onPostpone();
              }}
            >
              推迟1天
            </Text>
            <Text
              className="k-row-action k-row-action--primary"
              onClick={(e) => {
                e.stopPropagation();
                if (!busy) onDone();
              }}
            >
              完成
            </Text>
          </View>
        )}
      </View>
    </View>
  );
}
