import { Text, View } from '@tarojs/components';
import { listStages, type PipelineStage, saveStage } from '../../services/sales-settings';
import { AdminSplit, Loaded } from './admin-split';
import { OrderButtons } from './sales-order';
import { StageEditor } from './sales-stage-editor';
import { SalesSettings } from './sales-tabs';
import { useAdminLoad } from './use-admin-load';
import { useChange } from './use-change';
import { NEW, usePicked } from './use-picked';

// 销售阶段: the pipeline in its order, each stage with its win probability and how long a deal may
// stay in it before its owner and manager are told it stalled. Won and lost close the pipeline.

/** The mark in front of a closing stage, and what its line says instead of a stall limit. */
const closing: Record<PipelineStage['outcome'], { mark: string; text: string } | null> = {
  open: null,
  won: { mark: '赢', text: '商机赢单后进入' },
  lost: { mark: '输', text: '商机输单后进入' },
};

const stallText = (s: PipelineStage) =>
  closing[s.outcome]?.text ??
  (s.stalledAfterDays === null ? '不做停滞提醒' : `停留超过 ${s.stalledAfterDays} 天提醒`);

export default function StagesPage() {
  const page = useAdminLoad(listStages);
  const { busy, run } = useChange();
  const stages = page.data;
  const { picked, row: stage, editing, pick, setPicked } = usePicked(stages);
  /** A change may renumber every stage: read them again. */
  const refresh = async (keep: number | null) => {
    page.setData(await listStages());
    setPicked(keep);
  };
  const open = stages?.filter((s) => s.outcome === 'open') ?? [];
  const move = (s: PipelineStage, by: -1 | 1) =>
    run(async () => {
      await saveStage(s.id, { position: open.indexOf(s) + 1 + by });
      await refresh(picked === NEW ? null : picked);
    });

  return (
    <SalesSettings current="stages" refused={page.refused}>
      <Loaded load={page} what="销售阶段">
        {(stages) => (
          <AdminSplit
            editing={editing}
            newLabel="新建阶段"
            onNew={() => pick(NEW)}
            rows={
              <>
                <Text className="admin-count">商机按此顺序推进；停留超时，负责人和主管会收到提醒。</Text>
                <View className="admin-rows">
                  {stages.map((s) => {
                    const i = open.indexOf(s);
                    return (
                      <View
                        key={s.id}
                        className={`admin-row sales-row${s.id === picked ? ' admin-row--on' : ''}`}
                        onClick={() => pick(s.id)}
                      >
                        <Text className={`sales-row__no${i < 0 ? ' sales-row__no--end' : ''}`}>
                          {closing[s.outcome]?.mark ?? i + 1}
                        </Text>
                        <View className="admin-row__main">
                          <View className="admin-row__top">
                            <Text className="admin-row__name">{s.name}</Text>
                          </View>
                          <Text className="admin-row__meta">
                            赢率 {s.probability}% · {stallText(s)}
                          </Text>
                        </View>
                        {i < 0 ? null : (
                          <OrderButtons
                            first={i === 0}
                            last={i === open.length - 1}
                            disabled={busy}
                            onMove={(by) => void move(s, by)}
                          />
                        )}
                      </View>
                    );
                  })}
                </View>
              </>
            }
            editor={
              <StageEditor
                key={picked}
                stage={stage}
                onSaved={(saved) => void refresh(saved.id)}
                onClose={() => setPicked(null)}
              />
            }
            hint="选择左侧的一个阶段查看和修改，或新建一个。"
          />
        )}
      </Loaded>
    </SalesSettings>
  );
}
