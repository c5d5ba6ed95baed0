import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Problem, Waiting } from '../../components/states';
import { BasicsSection } from './edit-basics';
import { PrimaryContactSection } from './edit-contact';
import { CustomFieldsSection } from './edit-custom-fields';
import { useCustomerDraft } from './use-customer-draft';
import { useSaveCustomer } from './use-save-customer';
import '../../components/customer-bits.css';
import './edit.css';

// 新建客户 (no id) and 编辑客户 (?id=). The server validates; each of its field errors is shown under
// the field it names. A suspected duplicate (409) can be confirmed and created anyway. On a desktop
// Enter in a field saves (k-keyform, see components/desktop-nav/keys.ts).

export default function CustomerEditPage() {
  const { params } = useRouter();
  const id = params.id ? Number(params.id) : undefined;
  const { draft, set, existing, definitions, loadError, mayEdit } = useCustomerDraft(id);
  const { save, saving, errors, problem, duplicate } = useSaveCustomer(existing, draft, {
    mayEdit,
    definitions,
  });

  if (loadError) {
    return (
      <View className="k-page">
        <View className="k-card">
          <Problem
            title="客户资料加载失败"
            detail={loadError}
            actionText="返回"
            onAction={() => void Taro.navigateBack()}
          />
        </View>
      </View>
    );
  }
  if (id && !existing) return <Waiting title="正在加载客户资料…" />;

  return (
    <View className="k-page customer-edit k-keyform">
      <BasicsSection draft={draft} errors={errors} mayEdit={mayEdit} set={set} />

      {definitions.length > 0 && mayEdit('customFields') ? (
        <CustomFieldsSection
          definitions={definitions}
          values={draft.customFields}
          errors={errors}
          onChange={(customFields) => set({ customFields })}
        />
      ) : null}

      {existing ? null : <PrimaryContactSection draft={draft} errors={errors} set={set} />}

      <View className="customer-edit__foot">
        {problem ? <Text className="customer-edit__problem">{problem}</Text> : null}
        {duplicate ? (
          <Button block className="customer-edit__force" onClick={() => void save(true)}>
            确认不是同一客户，仍要新建
          </Button>
        ) : null}
        <Button
          type="primary"
          block
          loading={saving}
          className="k-keyform__submit"
          onClick={() => void save()}
        >
          {existing ? '保存修改' : '创建客户'}
        </Button>
      </View>
    </View>
  );
}
