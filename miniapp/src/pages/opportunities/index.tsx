import { formatDate } from '@kelian/cards/format/date';
import { formatAmount } from '@kelian/cards/format/money';
import { ArrowRight, More } from '@nutui/icons-react-taro';
import { ScrollView, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { type DealSheet, DealSheets, nextStage } from '../../components/deal-sheets';
import { Problem, Waiting } from '../../components/states';
import { LOGIN_PAGE, messageOf } from '../../services/api';
import {
  type BoardColumn,
  DEAL_PAGE,
  type Deal,
  fetchBoard,
  fetchBoardColumn,
  moveDeal,
} from '../../services/sales';
import { loadSession } from '../../services/session';
import '@nutui/nutui-react-taro/dist/es/packages/popup/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/overlay/style/css';
import '../../components/customer-bits.css';
import '../../components/sales.css';
import './index.css';

// 商机: the pipeline as a board, one column per stage (open ones in order, then this month's won
// and lost), swiped sideways on a phone. A deal moves one stage on with a tap, or to any stage,
// 赢单 or 输单 (with its reason) from the sheet.

const outcomeTitles = { open: '', won: '本月赢单', lost: '本月输单' };

export default function OpportunitiesPage() {
  const [columns, setColumns] = useState<BoardColumn[] | null>(null);
  // Deals waiting for a 阶段审批, with the stage asked for.
  const [gated, setGated] = useState<Map<number, string>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [deal, setDeal] = useState<Deal | null>(null);
  const [sheet, setSheet] = useState<DealSheet>(null);
  const [moving, setMoving] = useState<number | null>(null);
  // The column whose next page is on its way (加载更多).
  const [extending, setExtending] = useState<number | null>(null);
  // The column the board scrolls to when its stage is tapped in the header.
  const [focus, setFocus] = useState<string>('');
  const generation = useRef(0);

  const load = useCallback(async () => {
    const mine = ++generation.current;
    setError(null);
    try {
      const board = await fetchBoard();
      if (mine !== generation.current) return;
      setColumns(board.columns);
      setGated(new Map(board.gated.map((g) => [g.opportunityId, g.stage])));
    } catch (e) {
      if (mine === generation.current) setError(messageOf(e));
    } finally {
      Taro.stopPullDownRefresh?.();
    }
  }, []);

  useDidShow(() => {
    if (!loadSession()) return void Taro.reLaunch({ url: LOGIN_PAGE });
    void load();
  });
  usePullDownRefresh(() => void load());

  const stages = columns?.map((c) => c.stage) ?? [];
  const me = loadSession()?.user.id;
  const changed = (message: string) => {
    void Taro.showToast({ title: message, icon: 'none' });
    void load();
  };

  const advance = async (item: Deal) => {
    const next = nextStage(item, stages);
    if (!next) {
      setDeal(item);
      setSheet('stage');
      return;
    }
    setMoving(item.id);
    try {
      await moveDeal(item.id, next.id);
      changed(`已推进到「${next.name}」`);
    } catch (e) {
      // A gated stage refuses and asks for approval: the reload shows the deal 待审批.
      changed(messageOf(e));
    } finally {
      setMoving(null);
    }
  };

  const more = async (column: BoardColumn) => {
    if (!column.nextCursor || extending !== null) return;
    const mine = generation.current;
    setExtending(column.stage.id);
    try {
      const page = await fetchBoardColumn(column.stage.id, column.nextCursor);
      // A reload in between replaced the board: this page belongs to the old one.
      if (mine !== generation.current) return;
      setColumns(
        (all) =>
          all?.map((c) =>
            c.stage.id === column.stage.id
              ? { ...c, items: [...c.items, ...page.items], nextCursor: page.nextCursor }
              : c,
          ) ?? all,
      );
      setGated((marks) => new Map([...marks, ...page.gated.map((g) => [g.opportunityId, g.stage] as const)]));
    } catch (e) {
      void Taro.showToast({ title: messageOf(e), icon: 'none' });
    } finally {
      setExtending(null);
    }
  };

  if (error && !columns) {
    return (
      <View className="k-page">
        <View className="k-card">
          <Problem title="商机加载失败" detail={error} onAction={() => void load()} />
        </View>
      </View>
    );
  }
  if (!columns) return <Waiting title="正在加载商机…" />;

  const open = columns.filter((c) => c.stage.outcome === 'open');
  const openCount = open.reduce((sum, c) => sum + c.count, 0);
  const seesAmounts = open.every((c) => c.amountCents !== undefined);
  const openAmount = open.reduce((sum, c) => sum + (c.amountCents ?? 0), 0);

  return (
    <View className="k-page board">
      <View className="board__head">
        <View className="board__summary">
          <View className="board__figure">
            <Text className="board__figure-value">{openCount}</Text>
            <Text className="board__figure-label">进行中的商机</Text>
          </View>
          {seesAmounts ? (
            <View className="board__figure">
              <Text className="board__figure-value">{formatAmount(openAmount)}</Text>
              <Text className="board__figure-label">预计金额</Text>
            </View>
          ) : null}
        </View>
        <ScrollView className="board__stages" scrollX enhanced showScrollbar={false}>
          <View className="board__stage-track">
            {columns.map((column) => (
              <Text
                key={column.stage.id}
                className={`board__stage${focus === columnId(column) ? ' board__stage--on' : ''}`}
                onClick={() => setFocus(columnId(column))}
              >
                {outcomeTitles[column.stage.outcome] || column.stage.name} {column.count}
              </Text>
            ))}
          </View>
        </ScrollView>
      </View>
      {error ? <Text className="board__stale">{error}，显示的是上次加载的内容</Text> : null}
      {columns.every((c) => c.count === 0) ? (
        <View className="k-card">
          <Problem
            tone="notice"
            title="还没有商机"
            detail="在客户详情页创建商机，或把认领的线索转化为客户，它就会出现在看板上。"
          />
        </View>
      ) : (
        <ScrollView
          className="board__columns"
          scrollX
          enhanced
          showScrollbar={false}
          scrollIntoView={focus}
          scrollWithAnimation
        >
          <View className="board__track">
            {columns.map((column) => (
              <View
                key={column.stage.id}
                id={columnId(column)}
                className={`board-column board-column--${column.stage.outcome}`}
              >
                <View className="board-column__head">
                  <View className="board-column__title">
                    <Text className="board-column__name">
                      {outcomeTitles[column.stage.outcome] || column.stage.name}
                    </Text>
                    <Text className="board-column__count">{column.count}</Text>
                  </View>
                  {column.amountCents !== undefined ? (
                    <Text className="board-column__amount">{formatAmount(column.amountCents)}</Text>
                  ) : null}
                </View>
                {column.items.length === 0 ? (
                  <Text className="board-column__empty">
                    {column.stage.outcome === 'open' ? '这个阶段暂无商机' : '本月暂无'}
                  </Text>
                ) : null}
                {column.items.map((item) => (
                  <DealCard
                    key={item.id}
                    deal={item}
                    mine={item.owner?.id === me}
                    gate={gated.get(item.id)}
                    next={nextStage(item, stages)?.name ?? null}
                    moving={moving === item.id}
                    onAdvance={() => void advance(item)}
                    onMore={() => {
                      setDeal(item);
                      setSheet('stage');
                    }}
                  />
                ))}
                {column.nextCursor ? (
                  <Text className="board-column__more" onClick={() => void more(column)}>
                    显示最近进入的 {column.items.length} 个，共 {column.count} 个 ·{' '}
                    <Text className="board-column__more-action">
                      {extending === column.stage.id ? '正在加载…' : '加载更多'}
                    </Text>
                  </Text>
                ) : null}
              </View>
            ))}
          </View>
        </ScrollView>
      )}
      <DealSheets
        deal={deal}
        stages={stages}
        sheet={sheet}
        onSheet={setSheet}
        onChanged={(_, message) => changed(message)}
      />
    </View>
  );
}

const columnId = (column: BoardColumn) => `stage-${column.stage.id}`;

interface CardProps {
  deal: Deal;
  /** Owned by the person looking (a manager's board shows the team's deals, with their owners). */
  mine: boolean;
  /** The stage a pending 阶段审批 asks for. */
  gate: string | undefined;
  /** The next open stage's name, or null in the last one. */
  next: string | null;
  moving: boolean;
  onAdvance(): void;
  onMore(): void;
}

function DealCard({ deal, mine, gate, next, moving, onAdvance, onMore }: CardProps) {
  const open = deal.status === 'open';
  return (
    <View className="deal-card" onClick={() => void Taro.navigateTo({ url: `${DEAL_PAGE}?id=${deal.id}` })}>
      <Text className="deal-card__name">{deal.name ?? '（名称已隐藏）'}</Text>
      <Text className="deal-card__customer">
        {deal.customer.name}
        {!mine && deal.owner ? ` · ${deal.owner.name}` : ''}
      </Text>
      <View className="deal-card__row">
        <Text className="deal-card__amount">{formatAmount(deal.amountCents)}</Text>
        {deal.expectedCloseDate && open ? (
          <Text className="deal-card__date">预计 {deal.expectedCloseDate.slice(5)}</Text>
        ) : null}
        {!open && deal.closedAt ? (
          <Text className="deal-card__date">{formatDate(deal.closedAt).slice(5)}</Text>
        ) : null}
      </View>
      {gate ? <Text className="deal-card__gate">待审批 · 进入「{gate}」</Text> : null}
      {deal.status === 'lost' && deal.lostReason ? (
        <Text className="deal-card__reason">原因：{deal.lostReason}</Text>
      ) : null}
      {open && deal.editable ? (
        <View className="deal-card__actions">
          <View
            className="deal-card__advance"
            onClick={(e) => {
              e.stopPropagation();
              if (!moving) onAdvance();
            }}
          >
            <Text>{moving ? '推进中…' : next ? `推进到 ${next}` : '赢单 / 输单'}</Text>
            <ArrowRight size={12} color="#2f6bff" />
          </View>
          <View
            className="deal-card__more"
            aria-label="更多操作"
            onClick={(e) => {
              e.stopPropagation();
              onMore();
            }}
          >
            <More size={16} color="#86909c" />
          </View>
        </View>
      ) : null}
    </View>
  );
}
