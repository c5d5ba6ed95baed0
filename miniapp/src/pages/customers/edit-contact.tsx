import { Input, Text, View } from '@tarojs/components';
import { FieldError } from '../../components/customer-bits';
import type { Draft } from './edit-draft';

/** 主要联系人 (optional), offered when a customer is created. */
export function PrimaryContactSection({
  draft,
  errors,
  set,
}: {
  draft: Draft;
  errors: Record<string, string>;
  set(patch: Partial<Draft>): void;
}) {
  return (
    <>
      <View className="k-section-title">
        <Text>主要联系人</Text>
        <Text className="k-section-title__hint">选填</Text>
      </View>
      <View className="k-card">
        <View className="k-form-row">
          <Text className="k-form-label">姓名</Text>
          <Input
            className={`k-input${errors['contacts.0.name'] ? ' k-input--invalid' : ''}`}
            placeholder="联系人姓名"
            value={draft.contactName}
            onInput={(e) => set({ contactName: e.detail.value })}
          />
          <FieldError message={errors['contacts.0.name']} />
        </View>
        <View className="k-form-row">
          <Text className="k-form-label">手机号</Text>
          <Input
            className={`k-input${errors['contacts.0.mobile'] ? ' k-input--invalid' : ''}`}
            type="number"
            placeholder="11 位手机号"
            value={draft.contactMobile}
            onInput={(e) => set({ contactMobile: e.detail.value })}
          />
          <FieldError message={errors['contacts.0.mobile']} />
        </View>
        <View className="k-form-row">
          <Text className="k-form-label">职务</Text>
          <Input
            className="k-input"
            placeholder="例如：采购经理"
            value={draft.contactTitle}
            onInput={(e) => set({ contactTitle: e.detail.value })}
          />
        </View>
      </View>
    </>
  );
}
