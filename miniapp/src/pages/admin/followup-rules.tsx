import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Problem, Waiting } from '../../components/states';
import { type FollowUpRule, listFollowUpRules } from '../../services/sales-settings';
import { detailFromTop } from './console-frame';
import { FollowUpEditor } from './sales-followup-editor';
import { SalesSettings } from './sales-tabs';
import { actionText, objects, whenText } from './sales-words';
import { useAdminLoad } from './use-admin-load';

// 跟进规则: what Kelian does by itself when something happened, a date nears or nobody followed up
// (a task for the owner, or the customer back to the pool); each edited beside the list.

const NEW = 'new';

export default function FollowUpRulesPage() {
  const page = useAdminLoad(listFollowUpRules);
  const [picked, setPicked] = useState<number | typeof NEW | null>(null);
  const rules = page.data;
  const rule = rules?.find((r) => r.id === picked);
  const editing = picked === NEW || rule !== undefined;
  const pick = (which: number | typeof NEW) => {
    setPicked(which);
    detailFromTop();
  };
  const saved = (changed: FollowUpRule) => {
    if (!rules) return;
    const known = rules.some((r) => r.id === changed.id);
    page.setData(known ? rules.map((r) => (r.id === changed.id ? changed : r)) : [...rules, changed]);
    setPicked(changed.id);
  };
  const deleted = (id: number) => {
    if (rules) page.setData(rules.filter((r) => r.id !== id));
    setPicked(null);
  };

  return (
    <SalesSettings current="followup" refused={page.refused}>
      {page.error ? (
        <Problem title="跟进规则加载失败" detail={page.error} onAction={page.reload} />
      ) : !rules ? (
        <Waiting title="正在加载跟进规则…" />
      ) : (
        <View className={`admin-split${editing ? ' admin-split--picked' : ''}`}>
          <View className="admin-split__list">
            <View className="admin-actions admin-actions--top">
              <Button type="primary" onClick={() => pick(NEW)}>
                新建规则
              </Button>
            </View>
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
                      <Text className="admin-badge">{objects.find((o) => o.value === r.object)?.label}</Text>
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
          </View>
          <View className="admin-split__detail">
            {editing ? (
              <FollowUpEditor
                key={picked}
                rule={rule}
                onSaved={saved}
                onDeleted={deleted}
                onClose={() => setPicked(null)}
              />
            ) : (
              <Text className="admin-empty-detail">选择左侧的一条规则查看和修改，或新建一条。</Text>
            )}
          </View>
        </View>
      )}
    </SalesSettings>
  );
}
