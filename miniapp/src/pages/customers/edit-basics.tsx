import { Input, Text, View } from '@tarojs/components';
import { FieldError } from '../../components/customer-bits';
import { type Draft, textFields } from './edit-draft';

/** The customer's kind and its text fields: only those this person may change. */
export function BasicsSection({
  draft,
  errors,
  mayEdit,
  set,
}: {
  draft: Draft;
  errors: Record<string, string>;
  mayEdit(field: string): boolean;
  set(patch: Partial<Draft>): void;
}) {
  return (
    <View className="k-card">
      {mayEdit('kind') ? (
        <View className="k-form-row">
          <Text className="k-form-label">类型</Text>
          <View>
            {(['company', 'person'] as const).map((kind) => (
              <Text
                key={kind}
                className={`k-chip${draft.kind === kind ? ' k-chip--on' : ''}`}
                onClick={() => set({ kind })}
              >
                {kind === 'company' ? '公司客户' : '个人客户'}
              </Text>
            ))}
          </View>
        </View>
      ) : null}
      {textFields
        .filter(({ key }) => mayEdit(key))
        .map(({ key, label, placeholder, required }) => (
          <View key={key} className="k-form-row">
            <Text className={`k-form-label${required ? ' k-form-label--required' : ''}`}>{label}</Text>
            <Input
              className={`k-input${errors[key] ? ' k-input--invalid' : ''}`}
              placeholder={placeholder}
              value={draft[key]}
              onInput={(e) => set({ [key]: e.detail.value })}
            />
            <FieldError message={errors[key]} />
          </View>
        ))}
    </View>
  );
}
