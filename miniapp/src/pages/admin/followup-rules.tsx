import { Text, View } from '@tarojs/components';
import { type FollowUpRule, listFollowUpRules } from '../../services/sales-settings';
import { AdminSplit, Loaded } from './admin-split';
import { FollowUpEditor } from './sales-followup-editor';
import { SalesSettings } from './sales-tabs';
import { actionText, objects, whenText } from './sales-words';
import { useAdminLoad } from './use-admin-load';
import { NEW, usePicked, withSaved } from './use-picked';

// 跟进规则: what Kelian does by itself when something happened, a date nears or nobody followed up
// (a task for the owner, or the customer back to the pool); each edited beside the list.

export default function FollowUpRulesPage() {
  const page = useAdminLoad(listFollowUpRules);
  const rules = page.data;
  const { picked, row: rule, editing, pick, setPicked } = usePicked(rules);
  const saved = (changed: FollowUpRule) => {
    if (!rules) return;
    page.setData(withSaved(rules, changed));
    setPicked(changed.id);
  };
  const deleted = (id: number) => {
    if (rules) page.setData(rules.filter((r) => r.id !== id));
    setPicked(null);
  };

  return (
    <SalesSettings current="followup" refused={page.refused}>
      <Loaded load={page} what="跟进规则">
        {(rules) => (
          <AdminSplit
            editing={editing}
            newLabel="新建规则"
            onNew={() => pick(NEW)}
            rows={
              <>
                <Text className="admin-count">共 {rules.length} 条规则，到时自动执行</Text>
                <View className="admin-rows">
                  {rules.map((r) => (
                    <View
                      key={r.id}
                      className={`admin-row${r.id === picked ? ' admin-row--on' : ''}`}
                      onClick={() => pick(r.id)}
                    >
                      <View className="admin-row__main">
                        <View className="admin-row__top">
                          <Text className="admin-row__name">{r.name}</Text>
                          <Text className="admin-badge">
                            {objects.find((o) => o.value === r.object)?.label}
                          </Text>
                          {r.enabled ? null : <Text className="admin-badge admin-badge--left">已停用</Text>}
                        </View>
                        <Text className="admin-row__meta">
                          {whenText(r)} → {actionText(r)}
                        </Text>
                      </View>
                    </View>
                  ))}
                  {rules.length === 0 ? <Text className="admin-empty-detail">还没有跟进规则。</Text> : null}
                </View>
              </>
            }
            editor={
              <FollowUpEditor
                key={picked}
                rule={rule}
                onSaved={saved}
                onDeleted={deleted}
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
