import { get, post, put } from './api';
import type { Answer, Body } from './contract';

// bot-server's /api/application-types as the admin console's 申请类型 page keeps them: the types
// the company names (信用额度申请 …) and their fields. The 申请 pages have their own module
// (./applications): one shared by two sub-packages would be moved into the nearly full main package.

export const APPLICATION_TYPES_PAGE = '/pages/admin/application-types';

export type ApplicationType = Answer<'/api/application-types', 'get'>['items'][number];
export type TypeField = ApplicationType['fields'][number];
export type FieldKind = TypeField['kind'];
export type TypeInput = Body<'/api/application-types', 'post'>;

export const fieldKinds: { value: FieldKind; label: string }[] = [
  { value: 'text', label: '文字' },
  { value: 'number', label: '数字' },
  { value: 'amount', label: '金额' },
  { value: 'date', label: '日期' },
  { value: 'user', label: '成员' },
  { value: 'customer', label: '客户' },
  { value: 'opportunity', label: '商机' },
  { value: 'choice', label: '单选' },
];

export const listAllTypes = async () =>
  (await get<{ items: ApplicationType[] }>('/api/application-types')).items;
export const createType = (input: TypeInput) => post<ApplicationType>('/api/application-types', input);
export const updateType = (id: number, input: TypeInput) =>
  put<ApplicationType>(`/api/application-types/${id}`, input);
