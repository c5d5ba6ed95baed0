// The demo company: the departments PRODUCT.md names, and about twenty people with their roles (the
// built-in ones, reference/roles.ts).

export const demoCompanyName = '云帆智能科技（演示）';

export const demoDepartments = [
  { key: 'gm', name: '总经办' },
  { key: 'north', name: '华北销售部' },
  { key: 'east', name: '华东销售部' },
  { key: 'south', name: '华南销售部' },
  { key: 'purchase', name: '采购部' },
  { key: 'service', name: '客服部' },
  { key: 'finance', name: '财务部' },
] as const;

export type DemoDepartmentKey = (typeof demoDepartments)[number]['key'];

/** `wecom` / `dingtalk` are the users' ids on the two platforms (the sandbox corp uses the same). */
export const demoUsers: {
  name: string;
  wecom: string;
  dingtalk: string;
  department: DemoDepartmentKey;
  title: string;
  roles: string[];
  /** The department head: manager of everyone else in the department. */
  head?: boolean;
}[] = [
  {
    name: '王建国',
    wecom: 'WangJianGuo',
    dingtalk: '0100001',
    department: 'gm',
    title: '总经理',
    roles: ['admin', 'manager'],
    head: true,
  },
  {
    name: '徐明',
    wecom: 'XuMing',
    dingtalk: '0100002',
    department: 'gm',
    title: 'IT 管理员',
    roles: ['admin'],
  },
  {
    name: '李娜',
    wecom: 'LiNa',
    dingtalk: '0100101',
    department: 'north',
    title: '华北销售总监',
    roles: ['manager'],
    head: true,
  },
  {
    name: '张伟',
    wecom: 'ZhangWei',
    dingtalk: '0100102',
    department: 'north',
    title: '销售经理',
    roles: ['sales'],
  },
  {
    name: '刘洋',
    wecom: 'LiuYang',
    dingtalk: '0100103',
    department: 'north',
    title: '销售代表',
    roles: ['sales'],
  },
  {
    name: '陈静',
    wecom: 'ChenJing',
    dingtalk: '0100104',
    department: 'north',
    title: '销售代表',
    roles: ['sales'],
  },
  {
    name: '赵敏',
    wecom: 'ZhaoMin',
    dingtalk: '0100201',
    department: 'east',
    title: '华东销售总监',
    roles: ['manager'],
    head: true,
  },
  {
    name: '孙浩',
    wecom: 'SunHao',
    dingtalk: '0100202',
    department: 'east',
    title: '销售经理',
    roles: ['sales'],
  },
  {
    name: '周杰',
    wecom: 'ZhouJie',
    dingtalk: '0100203',
    department: 'east',
    title: '销售代表',
    roles: ['sales'],
  },
  {
    name: '吴婷',
    wecom: 'WuTing',
    dingtalk: '0100204',
    department: 'east',
    title: '销售代表',
    roles: ['sales'],
  },
  {
    name: '郑凯',
    wecom: 'ZhengKai',
    dingtalk: '0100301',
    department: 'south',
    title: '华南销售总监',
    roles: ['manager'],
    head: true,
  },
  {
    name: '黄磊',
    wecom: 'HuangLei',
    dingtalk: '0100302',
    department: 'south',
    title: '销售经理',
    roles: ['sales'],
  },
  {
    name: '林芳',
    wecom: 'LinFang',
    dingtalk: '0100303',
    department: 'south',
    title: '销售代表',
    roles: ['sales'],
  },
  {
    name: '何晓',
    wecom: 'HeXiao',
    dingtalk: '0100304',
    department: 'south',
    title: '销售代表',
    roles: ['sales'],
  },
  {
    name: '马超',
    wecom: 'MaChao',
    dingtalk: '0100401',
    department: 'purchase',
    title: '采购经理',
    roles: ['procurement'],
    head: true,
  },
  {
    name: '朱丽',
    wecom: 'ZhuLi',
    dingtalk: '0100402',
    department: 'purchase',
    title: '采购专员',
    roles: ['procurement'],
  },
  {
    name: '胡斌',
    wecom: 'HuBin',
    dingtalk: '0100501',
    department: 'service',
    title: '客服主管',
    roles: ['service'],
    head: true,
  },
  {
    name: '郭雪',
    wecom: 'GuoXue',
    dingtalk: '0100502',
    department: 'service',
    title: '客服专员',
    roles: ['service'],
  },
  {
    name: '高飞',
    wecom: 'GaoFei',
    dingtalk: '0100503',
    department: 'service',
    title: '客服专员',
    roles: ['service'],
  },
  {
    name: '罗娟',
    wecom: 'LuoJuan',
    dingtalk: '0100601',
    department: 'finance',
    title: '财务经理',
    roles: ['finance'],
    head: true,
  },
  {
    name: '梁宇',
    wecom: 'LiangYu',
    dingtalk: '0100602',
    department: 'finance',
    title: '会计',
    roles: ['finance'],
  },
];
