import type { FieldObject, FieldType } from '../../services/admin-data';

// The Chinese words of the data settings: the objects custom fields belong to, and their types.

export const objectNames: Record<FieldObject, string> = {
  customer: '客户',
  lead: '线索',
  opportunity: '商机',
};

export const typeNames: Record<FieldType, string> = {
  text: '文字',
  number: '数字',
  date: '日期',
  select: '单选',
  multi_select: '多选',
};

export const hasChoices = (type: FieldType) => type === 'select' || type === 'multi_select';

/** As chips offer them. */
export const choicesOf = <K extends string>(names: Record<K, string>) =>
  (Object.keys(names) as K[]).map((value) => ({ value, label: names[value] }));
