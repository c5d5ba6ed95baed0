import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Problem } from '../../components/states';
import { type ApplicationType, fieldKinds, listAllTypes } from '../../services/application-types';
import { APPROVAL_FLOWS_PAGE } from '../../services/approval-flows';
import { AdminSplit, Loaded } from './admin-split';
import { ConsoleFrame } from './console-frame';
import { TypeEditor } from './type-editor';
import { useAdminLoad } from './use-admin-load';
import { NEW, usePicked, withSaved } from './use-picked';
import './data.css';
import './application-types.css';

// 申请类型: the document types the company names itself (信用额度申请, 试用申请 …), each a form of
// fields that people fill in 新建申请; each type's approval flow is set on 审批流程 like a contract's.

const kindName = new Map(fieldKinds.map((k) => [k.value, k.label]));

export default function ApplicationTypesPage() {
  const setup = useAdminLoad(listAllTypes);
  const { picked, row, editing, pick, setPicked } = usePicked(setup.data);

  return (
    <ConsoleFrame current="applicationTypes" refused={setup.refused}>
      <Loaded load={setup} what="申请类型">
        {(types) => (
          <AdminSplit
            variant="data"
            editing={editing}
            newLabel="新建申请类型"
            onNew={() => pick(NEW)}
            rows={
              types.length === 0 ? (
                <Problem tone="notice" title="还没有申请类型" detail="新建一个，例如「信用额度申请」。" />
              ) : (
                <View className="admin-rows">
                  <Text className="admin-count">
                    共 {types.length} 个申请类型；审批流程在
                    <Text
                      className="flow-link"
                      onClick={() => void Taro.redirectTo({ url: APPROVAL_FLOWS_PAGE })}
                    >
                      审批流程
                    </Text>
                    中设置
                  </Text>
                  {types.map((t) => (
                    <TypeRow key={t.id} type={t} on={t.id === picked} onPick={() => pick(t.id)} />
                  ))}
                </View>
              )
            }
            editor={
              <TypeEditor
                key={String(picked)}
                type={row}
                onSaved={(saved) => {
                  setup.setData(withSaved(types, saved));
                  setPicked(saved.id);
                }}
                onClose={() => setPicked(null)}
              />
            }
            hint="选择左侧的申请类型修改名称和字段，或新建一个。"
          />
        )}
      </Loaded>
    </ConsoleFrame>
  );
}

function TypeRow({ type, on, onPick }: { type: ApplicationType; on: boolean; onPick(): void }) {
  return (
    <View className={`admin-row${on ? ' admin-row--on' : ''}`} onClick={onPick}>
      <View className="admin-row__main">
        <View className="admin-row__top">
          <Text className="admin-row__name" style={type.color ? { color: type.color } : undefined}>
            {type.icon ? `${type.icon} ` : ''}
            {type.name}
          </Text>
          {type.active ? null : <Text className="admin-badge admin-badge--none">已停用</Text>}
        </View>
        <Text className="admin-row__meta">
          {type.fields
            .map((f) => `${f.label}（${kindName.get(f.kind)}${f.required ? '，必填' : ''}）`)
            .join('、')}
        </Text>
      </View>
    </View>
  );
}
