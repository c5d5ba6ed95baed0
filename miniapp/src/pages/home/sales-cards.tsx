import { formatAmount } from '@kelian/cards/format/money';
import { ArrowRight } from '@nutui/icons-react-taro';
import { Skeleton } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { Problem } from '../../components/states';
import { messageOf } from '../../services/api';
import { fetchFigures, listTasks, type SalesFigures, TASKS_PAGE, type Task } from '../../services/sales';
import { dueText, isOverdue, percentOf } from '../../services/sales-format';
import { loadSession } from '../../services/session';

// 首页's two sales cards: this month's figures against the target (a manager's team first, her own
// in one line below), and what is due today. Each
// loads on its own (whenever the page shows) and shows its own failure, so one slow answer never
// blanks the page; `shown` keeps a card out of sight until the page is ready for it.

/** Loads `fetch` whenever the page shows; the value, or the error to show. */
function useShown<T>(fetch: () => Promise<T>) {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    setError(null);
    try {
      setValue(await fetch());
    } catch (e) {
      setError(messageOf(e));
    }
  }, [fetch]);
  useDidShow(() => {
    if (loadSession()) void load();
  });
  return { value, error, reload: () => void load() };
}

const openTasks = () => void Taro.switchTab({ url: TASKS_PAGE });

export function MonthFigures({ shown }: { shown: boolean }) {
  const { value: figures, error, reload } = useShown(fetchFigures);
  if (!shown) return null;
  return (
    <>
      <View className="k-section-title">
        <Text>本月业绩</Text>
        {figures ? (
          <Text className="k-section-title__hint">{figures.month.replace('-', ' 年 ')} 月</Text>
        ) : null}
      </View>
      <View className="k-card home-figures">
        {error ? <Problem title="业绩加载失败" detail={error} onAction={reload} /> : null}
        {!figures && !error ? <Skeleton rows={3} animated /> : null}
        {figures?.team ? (
          <>
            <FiguresBody figures={figures.team} label={`${figures.team.department.name} · 团队赢单`} />
            <MineLine figures={figures} />
          </>
        ) : figures ? (
          <FiguresBody figures={figures} label="赢单金额" />
        ) : null}
      </View>
    </>
  );
}

function FiguresBody({ figures, label }: { figures: SalesFigures; label: string }) {
  const percent = percentOf(figures.wonCents, figures.targetCents);
  return (
    <>
      <View className="home-figures__won">
        <Text className="home-figures__label">{label}</Text>
        <Text className="home-figures__percent">
          {percent === null ? '本月未设目标' : `完成 ${percent}%`}
        </Text>
      </View>
      <View className="home-figures__amounts">
        <Text className="home-figures__amount">{formatAmount(figures.wonCents)}</Text>
        {figures.targetCents !== null ? (
          <Text className="home-figures__target"> / 目标 {formatAmount(figures.targetCents)}</Text>
        ) : null}
      </View>
      <View className="home-figures__bar" role="progressbar" aria-valuenow={percent ?? 0}>
        <View
          className={`home-figures__fill${percent !== null && percent >= 100 ? ' home-figures__fill--done' : ''}`}
          style={{ width: `${Math.min(percent ?? 0, 100)}%` }}
        />
      </View>
      {figures.targetCents !== null ? (
        <Text className="home-figures__gap">
          {figures.wonCents >= figures.targetCents
            ? `已超额 ${formatAmount(figures.wonCents - figures.targetCents)}，继续保持`
            : `距目标还差 ${formatAmount(figures.targetCents - figures.wonCents)} · 在谈 ${figures.openDeals} 单 ${formatAmount(figures.openAmountCents)}`}
        </Text>
      ) : null}
      <View className="home-figures__counts">
        <Count value={figures.newCustomers} label="新客户" />
        <Count value={figures.followUps} label="跟进" />
        <Count value={figures.openDeals} label="进行中商机" />
      </View>
    </>
  );
}

/** A manager's own month, under her team's. */
function MineLine({ figures }: { figures: SalesFigures }) {
  const percent = percentOf(figures.wonCents, figures.targetCents);
  return (
    <View className="home-figures__mine">
      <Text className="home-figures__mine-label">我的</Text>
      <Text className="home-figures__mine-text">
        赢单 {formatAmount(figures.wonCents)}
        {percent === null ? '' : `（完成 ${percent}%）`} · 跟进 {figures.followUps} · 在谈 {figures.openDeals}{' '}
        单
      </Text>
    </View>
  );
}

function Count({ value, label }: { value: number; label: string }) {
  return (
    <View className="home-figures__count">
      <Text className="home-figures__count-value">{value}</Text>
      <Text className="home-figures__count-label">{label}</Text>
    </View>
  );
}

const todayTasks = () => listTasks('today', undefined, 5);

export function TodayTasks({ shown }: { shown: boolean }) {
  const { value: page, error, reload } = useShown(todayTasks);
  if (!shown) return null;
  return (
    <>
      <View className="k-section-title">
        <Text>今日待办</Text>
        <View className="home-tasks__all" onClick={openTasks}>
          <Text className="k-section-title__hint">全部</Text>
          <ArrowRight size={10} color="#86909c" />
        </View>
      </View>
      <View className="k-card home-tasks">
        {error ? <Problem title="待办加载失败" detail={error} onAction={reload} /> : null}
        {!page && !error ? <Skeleton rows={2} animated /> : null}
        {page && page.items.length === 0 ? (
          <Text className="home-tasks__none">今天没有待办，去跟进几位客户吧</Text>
        ) : null}
        {page?.items.map((task) => (
          <TaskLine key={task.id} task={task} />
        ))}
        {page?.nextCursor ? (
          <Text className="home-tasks__more" onClick={openTasks}>
            还有更多待办，查看全部
          </Text>
        ) : null}
      </View>
    </>
  );
}

function TaskLine({ task }: { task: Task }) {
  const late = isOverdue(task.dueAt);
  return (
    <View className="home-task" onClick={openTasks}>
      <View className={`home-task__dot${late ? ' home-task__dot--late' : ''}`} />
      <View className="home-task__main">
        <Text className="home-task__title">{task.title}</Text>
        <Text className="home-task__about">{task.customer?.name ?? task.lead?.company ?? ''}</Text>
      </View>
      <Text className={`home-task__due${late ? ' home-task__due--late' : ''}`}>{dueText(task.dueAt)}</Text>
    </View>
  );
}
