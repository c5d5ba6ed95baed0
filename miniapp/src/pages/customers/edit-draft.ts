import type {
  CustomerInput,
  CustomerKind,
  CustomerView,
  CustomFieldDefinition,
} from '../../services/customers';

// The customer form's draft: what the person types, and the request bodies made from it (pure).

export type TextKey = 'name' | 'level' | 'industry' | 'region' | 'city' | 'address' | 'phone' | 'source';

export const textFields: { key: TextKey; label: string; placeholder: string; required?: boolean }[] = [
  { key: 'name', label: '客户名称', placeholder: '公司全称或个人姓名', required: true },
  { key: 'level', label: '客户等级', placeholder: '例如：A类客户' },
  { key: 'industry', label: '行业', placeholder: '例如：制造业' },
  { key: 'region', label: '地区', placeholder: '省份，例如：北京' },
  { key: 'city', label: '城市', placeholder: '例如：北京' },
  { key: 'address', label: '地址', placeholder: '详细地址' },
  { key: 'phone', label: '公司电话', placeholder: '例如：010-62345678' },
  { key: 'source', label: '来源', placeholder: '例如：展会、官网' },
];

export type Draft = Record<TextKey, string> & {
  kind: CustomerKind;
  customFields: Record<string, unknown>;
  contactName: string;
  contactMobile: string;
  contactTitle: string;
};

export const blank: Draft = {
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

/** An existing customer as a draft to edit. */
export function draftOf(view: CustomerView): Draft {
  return {
    ...blank,
    kind: view.kind ?? 'company',
    ...Object.fromEntries(textFields.map(({ key }) => [key, view[key] ?? ''])),
    customFields: view.customFields ?? {},
  };
}

/** What the form may send: only the fields this person may change (`mayEdit`). */
export interface DraftScope {
  mayEdit(field: string): boolean;
  definitions: readonly CustomFieldDefinition[];
}

function fieldsOf(draft: Draft, { mayEdit, definitions }: DraftScope): Omit<CustomerInput, 'contacts'> {
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

/** The body of an update: the editable fields, never kind or name when they are read-only. */
export function changesOf(draft: Draft, scope: DraftScope): Partial<CustomerInput> {
  const fields: Partial<CustomerInput> = fieldsOf(draft, scope);
  if (!scope.mayEdit('kind')) delete fields.kind;
  if (!scope.mayEdit('name')) delete fields.name;
  return fields;
}

/** The body of a create, with the primary contact when one is named; `force` confirms a suspected duplicate. */
export function newCustomerOf(
  draft: Draft,
  scope: DraftScope,
  force: boolean,
): CustomerInput & { force?: boolean } {
  const contactName = draft.contactName.trim();
  return {
    ...fieldsOf(draft, scope),
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
