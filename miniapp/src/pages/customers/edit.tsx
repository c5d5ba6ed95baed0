import { Button } from '@nutui/nutui-react-taro';
import { Input, Picker, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { FieldError } from '../../components/customer-bits';
import { Problem, Waiting } from '../../components/states';
import { ApiError, messageOf } from '../../services/api';
import {
  type CustomerInput,
  type CustomerKind,
  type CustomerView,
  type CustomFieldDefinition,
  createCustomer,
  customFieldDefinitions,
  DETAIL_PAGE,
  fetchCustomer,
  updateCustomer,
} from '../../services/customers';
import '../../components/customer-bits.css';
import './edit.css';

// 新建客户 (no id) and 编辑客户 (?id=). The server validates; each of its field errors is shown under
// the field it names. A suspected duplicate (409) can be confirmed and created anyway.

type TextKey = 'name' | 'level' | 'industry' | 'region' | 'city' | 'address' | 'phone' | 'source';

const textFields: { key: TextKey; label: string; placeholder: string; required?: boolean }[] = [
  { key: 'name', label: '客户名称', placeholder: '公司全称或个人姓名', required: true },
  { key: 'level', label: '客户等级', placeholder: '例如：A类客户' },
  { key: 'industry', label: '行业', placeholder: '例如：制造业' },
  { key: 'region', label: '地区', placeholder: '省份，例如：北京' },
  { key: 'city', label: '城市', placeholder: '例如：北京' },
  { key: 'address', label: '地址', placeholder: '详细地址' },
  { key: 'phone', label: '公司电话', placeholder: '例如：010-62345678' },
  { key: 'source', label: '来源', placeholder: '例如：展会、官网' },
];

type Draft = Record<TextKey, string> & {
  kind: CustomerKind;
  customFields: Record<string, unknown>;
  contactName: string;
  contactMobile: string;
  contactTitle: string;
};

const blank: Draft = {
  kind: 'company',
  name: '',
  level: '',
  industry: '',
  region: '',
  city: '',
  address: '',
  phone: '',
  source: '',
  customFields: {},
  contactName: '',
  contactMobile: '',
  contactTitle: '',
};

export default function CustomerEditPage() {
  const { params } = useRouter();
  const id = params.id ? Number(params.id) : undefined;
  const [draft, setDraft] = useState<Draft>(blank);
  const [existing, setExisting] = useState<CustomerView | null>(null);
  const [definitions, setDefinitions] = useState<CustomFieldDefinition[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [duplicate, setDuplicate] = useState(false);
  const [saving, setSaving] = useState(false);

  // The first field the server refused may be far above the 保存 button: bring it into view.
  useEffect(() => {
    if (Object.keys(errors).length === 0) return;
    void Taro.pageScrollTo({ selector: '.k-field-error', offsetTop: -120, duration: 200 }).catch(() => {});
  }, [errors]);

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: id ? '编辑客户' : '新建客户' });
    customFieldDefinitions()
      .then((d) => setDefinitions([...d].sort((a, b) => a.position - b.position)))
      .catch(() => setDefinitions([]));
    if (!id) return;
    fetchCustomer(id)
      .then((view) => {
        setExisting(view);
        setDraft({
          ...blank,
          kind: view.kind ?? 'company',
          ...Object.fromEntries(textFields.map(({ key }) => [key, view[key] ?? ''])),
          customFields: view.customFields ?? {},
        });
      })
      .catch((e: unknown) => setLoadError(messageOf(e)));
  }, [id]);

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

  // Only what this person may change is offered when editing (field rules, read-only records).
  const mayEdit = (field: string) => !existing || existing.fieldAccess.editable.includes(field);
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });

  const save = async (force = false) => {
    setSaving(true);
    setErrors({});
    setProblem(null);
    setDuplicate(false);
    try {
      const saved = existing
        ? await updateCustomer(existing.id, changes())
        : await createCustomer(newCustomer(force));
      void Taro.showToast({ title: '已保存', icon: 'success' });
      if (existing) void Taro.navigateBack();
      else void Taro.redirectTo({ url: `${DETAIL_PAGE}?id=${saved.id}` });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        setDuplicate(true);
        setProblem(e.title);
      } else if (e instanceof ApiError && e.errors.length > 0) {
        setErrors(Object.fromEntries(e.errors.map((f) => [f.field, f.message])));
        setProblem('请按提示修改标红的内容');
      } else setProblem(messageOf(e));
    } finally {
      setSaving(false);
    }
  };

  function fieldsOf(): Omit<CustomerInput, 'contacts'> {
    const values = Object.fromEntries(
      textFields.filter(({ key }) => mayEdit(key)).map(({ key }) => [key, draft[key].trim() || null]),
    );
    return {
      ...values,
      kind: draft.kind,
      name: draft.name.trim(),
      ...(definitions.length > 0 && mayEdit('customFields') ? { customFields: draft.customFields } : {}),
    } as Omit<CustomerInput, 'contacts'>;
  }

  function changes(): Partial<CustomerInput> {
    const fields: Partial<CustomerInput> = fieldsOf();
    if (!mayEdit('kind')) delete fields.kind;
    if (!mayEdit('name')) delete fields.name;
    return fields;
  }

  function newCustomer(force: boolean): CustomerInput & { force?: boolean } {
    const contactName = draft.contactName.trim();
    return {
      ...fieldsOf(),
      ...(contactName
        ? {
            contacts: [
              {
                name: contactName,
                mobile: draft.contactMobile.trim() || null,
                title: draft.contactTitle.trim() || null,
                primary: true,
              },
            ],
          }
        : {}),
      ...(force ? { force: true } : {}),
    };
  }

  return (
    <View className="k-page customer-edit">
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

      {definitions.length > 0 && mayEdit('customFields') ? (
        <>
          <View className="k-section-title">
            <Text>更多资料</Text>
          </View>
          <View className="k-card">
            {definitions.map((definition) => (
              <CustomField
                key={definition.key}
                definition={definition}
                value={draft.customFields[definition.key]}
                error={errors[`customFields.${definition.key}`]}
                onChange={(value) =>
                  set({ customFields: { ...draft.customFields, [definition.key]: value } })
                }
              />
            ))}
          </View>
        </>
      ) : null}

      {existing ? null : (
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
      )}

      <View className="customer-edit__foot">
        {problem ? <Text className="customer-edit__problem">{problem}</Text> : null}
        {duplicate ? (
          <Button block className="customer-edit__force" onClick={() => void save(true)}>
            确认不是同一客户，仍要新建
          </Button>
        ) : null}
        <Button type="primary" block loading={saving} onClick={() => void save()}>
          {existing ? '保存修改' : '创建客户'}
        </Button>
      </View>
    </View>
  );
}

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
