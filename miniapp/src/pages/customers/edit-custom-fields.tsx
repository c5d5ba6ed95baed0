import { Input, Picker, Text, View } from '@tarojs/components';
import { FieldError } from '../../components/customer-bits';
import type { CustomFieldDefinition } from '../../services/customers';

/** 更多资料: the organisation's own fields, in their defined order. */
export function CustomFieldsSection({
  definitions,
  values,
  errors,
  onChange,
}: {
  definitions: readonly CustomFieldDefinition[];
  values: Record<string, unknown>;
  errors: Record<string, string>;
  onChange(values: Record<string, unknown>): void;
}) {
  return (
    <>
      <View className="k-section-title">
        <Text>更多资料</Text>
      </View>
      <View className="k-card">
        {definitions.map((definition) => (
          <CustomField
            key={definition.key}
            definition={definition}
            value={values[definition.key]}
            error={errors[`customFields.${definition.key}`]}
            onChange={(value) => onChange({ ...values, [definition.key]: value })}
          />
        ))}
      </View>
    </>
  );
}

/** One custom field: chips for choices, a date picker, or an input (numbers kept as numbers). */
function CustomField({
  definition,
  value,
  error,
  onChange,
}: {
  definition: CustomFieldDefinition;
  value: unknown;
  error?: string;
  onChange(value: unknown): void;
}) {
  const { label, type, options, required } = definition;
  const text = value === undefined || value === null ? '' : String(value);
  const chosen = Array.isArray(value) ? (value as string[]) : [];
  return (
    <View className="k-form-row">
      <Text className={`k-form-label${required ? ' k-form-label--required' : ''}`}>{label}</Text>
      {type === 'select' || type === 'multi_select' ? (
        <View>
          {options.map((option) => {
            const on = type === 'select' ? text === option : chosen.includes(option);
            return (
              <Text
                key={option}
                className={`k-chip${on ? ' k-chip--on' : ''}`}
                onClick={() =>
                  type === 'select'
                    ? onChange(on ? null : option)
                    : onChange(on ? chosen.filter((c) => c !== option) : [...chosen, option])
                }
              >
                {option}
              </Text>
            );
          })}
        </View>
      ) : type === 'date' ? (
        <Picker mode="date" value={text} onChange={(e) => onChange(e.detail.value)}>
          <View
            className={`k-input${text ? '' : ' k-input--placeholder'}${error ? ' k-input--invalid' : ''}`}
          >
            {text || `选择${label}`}
          </View>
        </Picker>
      ) : (
        <Input
          className={`k-input${error ? ' k-input--invalid' : ''}`}
          type={type === 'number' ? 'digit' : 'text'}
          placeholder={`填写${label}`}
          value={text}
          onInput={(e) => {
            const raw = e.detail.value;
            onChange(type === 'number' && raw !== '' && !Number.isNaN(Number(raw)) ? Number(raw) : raw);
          }}
        />
      )}
      <FieldError message={error} />
    </View>
  );
}
