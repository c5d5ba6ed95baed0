import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Problem, Waiting } from '../../components/states';
import { listDepartments } from '../../services/admin';
import { type AssignmentRule, listAssignmentRules, saveAssignmentRule } from '../../services/sales-settings';
import { detailFromTop } from './console-frame';
import { AssignmentEditor } from './sales-assignment-editor';
import { OrderButtons } from './sales-order';
import { SalesSettings } from './sales-tabs';
import { conditionsText, targetText } from './sales-words';
import { useAdminLoad } from './use-admin-load';
import { useChange } from './use-change';

// 线索分配规则: the rules in the order a new lead tries them, the first that matches wins; each
// edited beside the list (desktop) or instead of it (phone).

const NEW = 'new';

async function setup() {
  const [rules, departments] = await Promise.all([listAssignmentRules(), listDepartments()]);
  return { rules, departments };
}

export default function AssignmentRulesPage() {
  const page = useAdminLoad(setup);
  const [picked, setPicked] = useState<number | typeof NEW | null>(null);
  const { busy, run } = useChange();
  const data = page.data;
  const rule = data?.rules.find((r) => r.id === picked);
  const editing = picked === NEW || rule !== undefined;
  const pick = (which: number | typeof NEW) => {
    setPicked(which);
    detailFromTop();
  };
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
      {page.error ? (
        <Problem title="分配规则加载失败" detail={page.error} onAction={page.reload} />
      ) : !data ? (
        <Waiting title="正在加载分配规则…" />
      ) : (
        <View className={`admin-split${editing ? ' admin-split--picked' : ''}`}>
          <View className="admin-split__list">
            <View className="admin-actions admin-actions--top">
              <Button type="primary" onClick={() => pick(NEW)}>
                新建规则
              </Button>
            </View>
            <Text className="admin-count">新线索按顺序匹配第一条启用的规则；都不匹配时进入公海。</Text>
            <View className="admin-rows">
              {data.rules.map((r, i) => (
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
                    last={i === data.rules.length - 1}
                    disabled={busy}
                    onMove={(by) => void move(r, by)}
                  />
                </View>
              ))}
              {data.rules.length === 0 ? (
                <Text className="admin-empty-detail">还没有分配规则：所有新线索都进入公海。</Text>
              ) : null}
            </View>
          </View>
          <View className="admin-split__detail">
            {editing ? (
              <AssignmentEditor
                key={picked}
                rule={rule}
                departments={data.departments}
                onSaved={(saved) => void refresh(saved.id)}
                onDeleted={() => void refresh(null)}
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
