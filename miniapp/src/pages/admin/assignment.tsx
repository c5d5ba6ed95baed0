import { Text, View } from '@tarojs/components';
import { listDepartments } from '../../services/admin';
import { type AssignmentRule, listAssignmentRules, saveAssignmentRule } from '../../services/sales-settings';
import { AdminSplit, Loaded } from './admin-split';
import { AssignmentEditor } from './sales-assignment-editor';
import { OrderButtons } from './sales-order';
import { SalesSettings } from './sales-tabs';
import { conditionsText, targetText } from './sales-words';
import { useAdminLoad } from './use-admin-load';
import { useChange } from './use-change';
import { NEW, usePicked } from './use-picked';

// 线索分配规则: the rules in the order a new lead tries them, the first that matches wins; each
// edited beside the list (desktop) or instead of it (phone).

async function setup() {
  const [rules, departments] = await Promise.all([listAssignmentRules(), listDepartments()]);
  return { rules, departments };
}

export default function AssignmentRulesPage() {
  const page = useAdminLoad(setup);
  const { busy, run } = useChange();
  const data = page.data;
  const { picked, row: rule, editing, pick, setPicked } = usePicked(data?.rules);
  /** After a change the order may have shifted for every rule: read them again. */
  const refresh = async (keep: number | null) => {
    if (!data) return;
    page.setData({ ...data, rules: await listAssignmentRules() });
    setPicked(keep);
  };
  const move = (r: AssignmentRule, by: -1 | 1) =>
    run(async () => {
      await saveAssignmentRule(r.id, { position: r.position + by });
      await refresh(picked === NEW ? null : picked);
    });

  return (
    <SalesSettings current="assignment" refused={page.refused}>
      <Loaded load={page} what="分配规则">
        {({ rules, departments }) => (
          <AdminSplit
            editing={editing}
            newLabel="新建规则"
            onNew={() => pick(NEW)}
            rows={
              <>
                <Text className="admin-count">新线索按顺序匹配第一条启用的规则；都不匹配时进入公海。</Text>
                <View className="admin-rows">
                  {rules.map((r, i) => (
                    <View
                      key={r.id}
                      className={`admin-row sales-row${r.id === picked ? ' admin-row--on' : ''}`}
                      onClick={() => pick(r.id)}
                    >
                      <Text className="sales-row__no">{r.position}</Text>
                      <View className="admin-row__main">
                        <View className="admin-row__top">
                          <Text className="admin-row__name">{r.name}</Text>
                          {r.enabled ? null : <Text className="admin-badge admin-badge--left">已停用</Text>}
                        </View>
                        <Text className="admin-row__meta">{conditionsText(r)}</Text>
                        <Text className="admin-row__meta">{targetText(r)}</Text>
                      </View>
                      <OrderButtons
                        first={i === 0}
                        last={i === rules.length - 1}
                        disabled={busy}
                        onMove={(by) => void move(r, by)}
                      />
                    </View>
                  ))}
                  {rules.length === 0 ? (
                    <Text className="admin-empty-detail">还没有分配规则：所有新线索都进入公海。</Text>
                  ) : null}
                </View>
              </>
            }
            editor={
              <AssignmentEditor
                key={picked}
                rule={rule}
                departments={departments}
                onSaved={(saved) => void refresh(saved.id)}
                onDeleted={() => void refresh(null)}
                onClose={() => setPicked(null)}
              />
            }
            hint="选择左侧的一条规则查看和修改，或新建一条。"
          />
        )}
      </Loaded>
    </SalesSettings>
  );
}
