// The objects and fields that field rules speak of, with their names as people read them (refusals,
// and later the admin's rule editor) and how a masked value of each is shown.

export type Mask = 'phone' | 'email' | 'text';

interface RuledField {
  label: string;
  /** How a masked value looks; `text` when not said. */
  mask?: Mask;
}

export const ruledFields = {
  customer: {
    kind: { label: '类型' },
    name: { label: '名称' },
    creditCode: { label: '统一社会信用代码' },
    industry: { label: '行业' },
    level: { label: '等级' },
    region: { label: '地区' },
    city: { label: '城市' },
    address: { label: '地址' },
    phone: { label: '电话', mask: 'phone' },
    source: { label: '来源' },
    tags: { label: '标签' },
    customFields: { label: '自定义字段' },
  },
  contact: {
    name: { label: '姓名' },
    mobile: { label: '手机', mask: 'phone' },
    phone: { label: '座机', mask: 'phone' },
    email: { label: '邮箱', mask: 'email' },
    title: { label: '职务' },
    wechat: { label: '微信' },
    primary: { label: '主联系人' },
  },
  followUp: {
    kind: { label: '跟进方式' },
    content: { label: '跟进内容' },
    nextStep: { label: '下一步' },
    nextAt: { label: '下次跟进时间' },
    occurredAt: { label: '跟进时间' },
  },
  lead: {
    company: { label: '公司' },
    contactName: { label: '联系人' },
    mobile: { label: '手机', mask: 'phone' },
    email: { label: '邮箱', mask: 'email' },
    region: { label: '地区' },
    source: { label: '来源' },
    industry: { label: '行业' },
    note: { label: '备注' },
  },
  opportunity: {
    name: { label: '商机名称' },
    amountCents: { label: '金额' },
    expectedCloseDate: { label: '预计成交日期' },
  },
} as const satisfies Record<string, Record<string, RuledField>>;

export type RuledObject = keyof typeof ruledFields;

const fieldOf = (object: RuledObject, field: string): RuledField | undefined =>
  (ruledFields[object] as Record<string, RuledField>)[field];

export const isRuledField = (object: RuledObject, field: string): boolean =>
  fieldOf(object, field) !== undefined;

export const fieldLabel = (object: RuledObject, field: string): string =>
  fieldOf(object, field)?.label ?? field;

export const maskOf = (object: RuledObject, field: string): Mask => fieldOf(object, field)?.mask ?? 'text';

/** The fields of `object` a person can write; the rest of a record (ids, owner, times) is the program's. */
export const writableFields = (object: RuledObject): string[] => Object.keys(ruledFields[object]);
