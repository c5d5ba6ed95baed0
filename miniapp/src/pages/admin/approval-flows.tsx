import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { type FlowType, listFlows } from '../../services/approval-flows';
import { type Colleague, listColleagues } from '../../services/directory';
import { AdminSplit, Loaded } from './admin-split';
import { ConsoleFrame } from './console-frame';
import { FlowEditor } from './flow-editor';
import { FlowVersions } from './flow-versions';
import { useAdminLoad } from './use-admin-load';
import { usePicked } from './use-picked';
import '../../components/customer-bits.css';
import './flow.css';

// 审批流程: one flow per document type (合同 first), each versioned; pick one to edit its nodes,
// check it, preview who approves a ¥600,000 contract, and save it as the next version; the older
// versions are listed under the editor, read-only.

type Row = FlowType & { id: number };
const rowsOf = (items: FlowType[]): Row[] => items.map((item, i) => ({ ...item, id: i + 1 }));
// One function for the page's life: useAdminLoad loads again whenever it is handed a new one.
const loadRows = async () => rowsOf((await listFlows()).items);

export default function ApprovalFlowsPage() {
  const page = useAdminLoad(loadRows);
  const { picked, row, editing, pick, setPicked } = usePicked(page.data);
  const [people, setPeople] = useState<Colleague[]>([]);
  useEffect(() => {
    listColleagues().then(setPeople, () => setPeople([]));
  }, []);

  return (
    <ConsoleFrame current="approvals" refused={page.refused}>
      <Loaded load={page} what="审批流程">
        {(rows) => (
          <AdminSplit
            editing={editing}
            newLabel="刷新"
            onNew={page.reload}
            rows={
              <>
                <Text className="admin-count">
                  每类单据一套流程；保存即生成新版本，进行中的审批按原版本继续。
                </Text>
                <View className="admin-rows">
                  {rows.map((r) => (
                    <View
                      key={r.docType}
                      className={`admin-row${r.id === picked ? ' admin-row--on' : ''}`}
                      onClick={() => pick(r.id)}
                    >
                      <View className="admin-row__main">
                        <View className="admin-row__top">
                          <Text className="admin-row__name">{r.label}</Text>
                        </View>
                        <Text className="admin-row__meta">
                          {r.flow
                            ? `${r.flow.name} · 第 ${r.flow.version} 版 · ${r.flow.definition.nodes.length} 个节点`
                            : '尚未设置流程'}
                        </Text>
                      </View>
                    </View>
                  ))}
                </View>
              </>
            }
            editor={
              row ? (
                <>
                  <FlowEditor
                    key={`${row.docType}-${row.flow?.version ?? 0}`}
                    type={row}
                    people={people}
                    onSaved={(flow) => page.setData(rows.map((r) => (r.id === row.id ? { ...r, flow } : r)))}
                    onClose={() => setPicked(null)}
                  />
                  <FlowVersions
                    key={`versions-${row.docType}-${row.flow?.version ?? 0}`}
                    docType={row.docType}
                    fields={row.fields}
                    people={people}
                  />
                </>
              ) : null
            }
            hint="选择左侧的单据类型，查看和修改它的审批流程。"
          />
        )}
      </Loaded>
    </ConsoleFrame>
  );
}
