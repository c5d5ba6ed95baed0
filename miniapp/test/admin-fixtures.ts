// Answers of bot-server's roles API (bot-server/src/api/roles) for the admin console's tests.

export const adminProfile = {
  id: 2,
  name: '徐明',
  title: 'IT 管理员',
  department: { id: 1, name: '总经办' },
  administers: true,
  roles: [{ code: 'admin', name: '管理员', scope: 'all', scopeDepartment: null }],
};

const role = (id: number, code: string, name: string, changes: Record<string, unknown> = {}) => ({
  id,
  code,
  name,
  builtIn: true,
  defaultScope: 'self',
  rights: { customer: ['read', 'edit'] },
  fieldRules: {},
  holders: 3,
  ...changes,
});

export const adminRole = role(1, 'admin', '管理员', { defaultScope: 'all', holders: 2 });
export const salesRole = role(3, 'sales', '销售');
export const serviceRole = role(5, 'service', '客服', { defaultScope: 'all' });
export const keyAccounts = role(9, 'key-accounts', '大客户销售', {
  builtIn: false,
  defaultScope: 'department',
  fieldRules: { customer: { phone: 'masked' } },
  holders: 0,
});
export const roles = [adminRole, salesRole, serviceRole, keyAccounts];

export const vocabulary = {
  scopes: [
    { value: 'self', label: '本人' },
    { value: 'department', label: '本部门' },
    { value: 'department_tree', label: '本部门及下级' },
    { value: 'all', label: '全公司' },
  ],
  rights: [
    {
      object: 'customer',
      label: '客户（含联系人、跟进、标签）',
      verbs: [
        { verb: 'read', label: '查看' },
        { verb: 'edit', label: '修改' },
        { verb: 'delete', label: '删除' },
      ],
    },
  ],
  fieldAccesses: [
    { value: 'hidden', label: '隐藏' },
    { value: 'masked', label: '脱敏' },
    { value: 'readonly', label: '只读' },
    { value: 'editable', label: '可编辑' },
  ],
  fields: [
    {
      object: 'customer',
      label: '客户',
      fields: [
        { field: 'name', label: '名称' },
        { field: 'phone', label: '电话' },
      ],
    },
  ],
};

const north = { id: 2, name: '华北销售部' };

export function person(id: number, name: string, changes: Record<string, unknown> = {}) {
  return {
    id,
    name,
    title: '销售代表',
    mobile: '13800100102',
    active: true,
    department: north,
    identities: { wecom: 'ZhangWei', dingtalk: '0100102' },
    mergedIntoId: null,
    roles: [{ role: { id: 3, code: 'sales', name: '销售' }, scope: 'self', department: null }],
    ...changes,
  };
}

export const zhangWeiPerson = person(4, '张伟');
export const liuYang = person(5, '刘洋', { identities: { wecom: 'LiuYang', dingtalk: null }, roles: [] });
export const xuMing = person(2, '徐明', {
  department: { id: 1, name: '总经办' },
  roles: [{ role: { id: 1, code: 'admin', name: '管理员' }, scope: 'all', department: null }],
});

export const departments = {
  items: [
    { id: 1, name: '总经办', parentId: null, depth: 0, members: 2 },
    { id: 2, name: '华北销售部', parentId: 1, depth: 1, members: 4 },
  ],
};

const fieldAccess = { editable: [], revealable: [] };

export const preview = {
  user: { id: 4, name: '张伟' },
  customers: [
    { id: 71, kind: 'company', name: '星河智能', owner: { id: 4, name: '张伟' }, fieldAccess },
    { id: 72, kind: 'company', name: '东方贸易', owner: null, fieldAccess },
  ],
  customer: {
    id: 71,
    kind: 'company',
    name: '星河智能',
    owner: { id: 4, name: '张伟' },
    tags: [],
    contacts: [],
    timeline: [],
    timelineHasMore: false,
    fieldAccess,
  },
};
