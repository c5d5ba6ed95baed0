import { Button } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ReasonSheet } from '../../components/reason-sheet';
import { messageOf } from '../../services/api';
import { presetReasonsOf } from '../../services/approval-format';
import { type Approval, approve, reject, remind, transfer, withdraw } from '../../services/approvals';
import { TransferSheet } from './transfer-sheet';
import '@nutui/nutui-react-taro/dist/es/packages/popup/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/overlay/style/css';

// What I can do with this run: as the approver of the current step 驳回 (a reason, from the flow's
// presets or typed), 转交 and 同意; as its submitter while it is pending, 撤回 and 催办 (a reminder card
// to whoever the step waits for, once an hour each: the server's words say when). Each answers with the
// run as it now stands; a decision someone else made first comes back as the server's words.

type Sheet = 'reject' | 'transfer' | null;

interface Props {
  run: Approval;
  myId: number | undefined;
  onChanged(run: Approval, message: string): void;
}

export function DecisionBar({ run, myId, onChanged }: Props) {
  const [sheet, setSheet] = useState<Sheet>(null);
  const [busy, setBusy] = useState(false);
  const taskId = run.myTaskId;
  const mine = run.status === 'pending' && run.submitter.id === myId;
  if (taskId === null && !mine) return null;

  const act = async (change: () => Promise<Approval>, message: string) => {
    setBusy(true);
    try {
      const changed = await change();
      setSheet(null);
      onChanged(changed, message);
    } catch (e) {
      void Taro.showToast({ title: messageOf(e), icon: 'none', duration: 3000 });
    } finally {
      setBusy(false);
    }
  };
  const confirmWithdraw = async () => {
    const { confirm } = await Taro.showModal({
      title: '撤回审批',
      content: '撤回后单据回到草稿，可修改后重新提交。',
    });
    if (confirm) await act(() => withdraw(run.id), '已撤回');
  };

  return (
    <View className="k-action-bar decision-bar">
      {taskId !== null ? (
        <>
          <Button className="k-action-bar__danger" disabled={busy} onClick={() => setSheet('reject')}>
            驳回
          </Button>
          <Button className="decision-bar__transfer" disabled={busy} onClick={() => setSheet('transfer')}>
            转交
          </Button>
          <Button
            type="primary"
            className="k-action-bar__main"
            loading={busy}
            onClick={() => void act(() => approve(run.id, taskId), '已同意')}
          >
            同意
          </Button>
          <ReasonSheet
            visible={sheet === 'reject'}
            title="驳回"
            label="驳回理由"
            placeholder="写下驳回的理由，发起人会在聊天里收到"
            suggestions={presetReasonsOf(run)}
            required="请填写驳回理由"
            confirmText="确认驳回"
            onClose={() => setSheet(null)}
            onConfirm={async (reason) => {
              const changed = await reject(run.id, taskId, reason);
              setSheet(null);
              onChanged(changed, '已驳回');
            }}
          />
          <TransferSheet
            visible={sheet === 'transfer'}
            myId={myId}
            onClose={() => setSheet(null)}
            onPick={(to) => void act(() => transfer(run.id, to.id), `已转交给 ${to.name}`)}
          />
        </>
      ) : (
        <>
          <Button className="decision-bar__withdraw" disabled={busy} onClick={() => void confirmWithdraw()}>
            撤回
          </Button>
          <Button
            type="primary"
            className="decision-bar__remind"
            loading={busy}
            onClick={() => void act(() => remind(run.id), '已催办，审批人会在聊天里收到提醒')}
          >
            催办
          </Button>
        </>
      )}
    </View>
  );
}
