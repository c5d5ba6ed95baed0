import { Button, Popup } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { type Dispatch, type SetStateAction, useState } from 'react';
import { messageOf } from '../services/api';
import { type Deal, type DealDetail, loseDeal, moveDeal, type Stage, winDeal } from '../services/sales';
import { FieldError } from './customer-bits';
import { ReasonSheet } from './reason-sheet';

// Moving a deal through the pipeline, the same on the board and on a deal's page: a sheet of the
// open stages (the current one marked) with 赢单 and 输单, and the reason a lost deal needs.

export type DealSheet = 'stage' | 'lost' | null;

/** The open stage after the deal's, or null when it is in the last one (then 赢单 comes next). */
export function nextStage(deal: Deal, stages: Stage[]): Stage | null {
  return (
    stages
      .filter((s) => s.outcome === 'open' && s.position > deal.stage.position)
      .sort((a, b) => a.position - b.position)[0] ?? null
  );
}

export const lostReasons = ['预算不足', '选择了竞争对手', '需求取消', '价格过高', '联系不上客户'];

interface Props {
  deal: Deal | null;
  /** The pipeline's stages; the sheet offers the open ones. */
  stages: Stage[];
  sheet: DealSheet;
  /** The page's state setter: a popup reports its close after another sheet has opened. */
  onSheet: Dispatch<SetStateAction<DealSheet>>;
  /** After a change: the deal as the server now has it, and what to tell the person. */
  onChanged(deal: DealDetail, message: string): void;
}

export function DealSheets({ deal, stages, sheet, onSheet, onChanged }: Props) {
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const open = stages.filter((s) => s.outcome === 'open').sort((a, b) => a.position - b.position);

  const act = async (change: () => Promise<DealDetail>, message: string) => {
    setBusy(true);
    setProblem(null);
    try {
      const changed = await change();
      onSheet(null);
      onChanged(changed, message);
    } catch (e) {
      setProblem(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Popup
        visible={sheet === 'stage' && deal !== null}
        position="bottom"
        round
        closeable
        title="推进商机"
        onClose={() => {
          setProblem(null);
          // NutUI calls onClose also when `visible` turns false, e.g. as 输单 opens its sheet.
          onSheet((now) => (now === 'stage' ? null : now));
        }}
      >
        {deal ? (
          <View className="stage-sheet">
            <Text className="stage-sheet__deal">{deal.name ?? deal.customer.name}</Text>
            {open.map((stage) => {
              const current = stage.id === deal.stage.id;
              return (
                <View
                  key={stage.id}
                  className={`stage-choice${current ? ' stage-choice--current' : ''}`}
                  onClick={() =>
                    !current &&
                    !busy &&
                    void act(() => moveDeal(deal.id, stage.id), `已推进到「${stage.name}」`)
                  }
                >
                  <Text className="stage-choice__name">{stage.name}</Text>
                  <Text className="stage-choice__hint">
                    {current ? '当前阶段' : `赢率 ${stage.probability}%`}
                  </Text>
                </View>
              );
            })}
            <FieldError message={problem ?? undefined} />
            <View className="stage-sheet__outcomes">
              <Button
                className="stage-sheet__lost"
                disabled={busy}
                onClick={() => {
                  setProblem(null);
                  onSheet('lost');
                }}
              >
                输单
              </Button>
              <Button
                type="success"
                className="stage-sheet__won"
                loading={busy}
                onClick={() => void act(() => winDeal(deal.id), '恭喜赢单！')}
              >
                赢单
              </Button>
            </View>
          </View>
        ) : null}
      </Popup>
      <ReasonSheet
        visible={sheet === 'lost' && deal !== null}
        title="输单"
        label="输单原因"
        placeholder="说说为什么丢了这单，团队复盘时用得上"
        suggestions={lostReasons}
        required="请填写输单原因"
        confirmText="确认输单"
        onClose={() => onSheet((now) => (now === 'lost' ? null : now))}
        onConfirm={async (reason) => {
          if (!deal) return;
          const changed = await loseDeal(deal.id, reason);
          onSheet(null);
          onChanged(changed, '已记为输单');
        }}
      />
    </>
  );
}
