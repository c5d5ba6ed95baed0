import type { DemoDepartmentKey } from './org-data.js';

// Word lists the demo customers are composed from; the regions match the sales departments.

export const regionsByTeam: Record<'north' | 'east' | 'south', { region: string; cities: string[] }[]> = {
  north: [
    { region: '北京', cities: ['北京'] },
    { region: '天津', cities: ['天津'] },
    { region: '河北', cities: ['石家庄', '唐山', '保定'] },
    { region: '山西', cities: ['太原'] },
  ],
  east: [
    { region: '上海', cities: ['上海'] },
    { region: '江苏', cities: ['南京', '苏州', '无锡'] },
    { region: '浙江', cities: ['杭州', '宁波', '温州'] },
    { region: '山东', cities: ['济南', '青岛'] },
  ],
  south: [
    { region: '广东', cities: ['广州', '深圳', '东莞', '佛山'] },
    { region: '广西', cities: ['南宁'] },
    { region: '福建', cities: ['厦门', '福州'] },
  ],
};

export const salesTeams: readonly ('north' | 'east' | 'south')[] = ['north', 'east', 'south'];
export type SalesTeam = Extract<DemoDepartmentKey, 'north' | 'east' | 'south'>;

export const brandWords = [
  '华信',
  '瑞丰',
  '鼎盛',
  '恒通',
  '宏远',
  '嘉禾',
  '博润',
  '天成',
  '新锐',
  '中科',
  '金桥',
  '同创',
  '永安',
  '汇达',
  '长风',
  '明德',
  '远航',
  '启明',
  '海纳',
  '景泰',
  '德邦',
  '锦程',
  '卓越',
  '众诚',
  '凯旋',
  '正元',
  '泰和',
  '安信',
  '万象',
  '星河',
  '蓝海',
  '云鼎',
  '鸿运',
  '盛世',
  '腾飞',
  '润泽',
  '弘毅',
  '致远',
  '睿思',
  '和光',
];

export const industries: { tag: string; words: string[] }[] = [
  { tag: '制造业', words: ['精密机械', '电子科技', '新材料', '智能装备', '汽车零部件'] },
  { tag: '互联网', words: ['网络科技', '信息技术', '数字科技', '软件'] },
  { tag: '零售', words: ['商贸', '连锁超市', '电子商务', '百货'] },
  { tag: '医疗', words: ['医疗器械', '生物科技', '医药'] },
  { tag: '教育', words: ['教育科技', '培训'] },
  { tag: '物流', words: ['供应链', '物流', '国际货运'] },
  { tag: '金融', words: ['融资租赁', '投资管理'] },
];

export const companySuffixes = ['有限公司', '股份有限公司', '集团有限公司'];

export const surnames = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '高',
  '林',
  '罗',
  '郑',
  '梁',
  '谢',
  '宋',
  '唐',
  '许',
  '韩',
  '冯',
  '邓',
  '曹',
  '彭',
  '曾',
  '肖',
  '田',
  '董',
  '袁',
  '潘',
  '于',
];

export const givenNames = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '霞',
  '平',
  '刚',
  '桂英',
  '建华',
  '志强',
  '晓东',
  '海燕',
  '雪梅',
  '国庆',
  '文博',
  '子涵',
  '思远',
  '一鸣',
  '雨欣',
];

export const contactTitles = [
  '总经理',
  '采购经理',
  '采购专员',
  'IT 主管',
  '财务总监',
  '行政经理',
  '技术总监',
  '运营经理',
];

export const tagGroups: { name: string; exclusive: boolean; tags: { name: string; color: string }[] }[] = [
  {
    name: '行业',
    exclusive: true,
    tags: industries.map((i, n) => ({
      name: i.tag,
      color: ['#1677ff', '#13c2c2', '#fa8c16', '#eb2f96', '#722ed1', '#52c41a', '#faad14'][n]!,
    })),
  },
  {
    name: '等级',
    exclusive: true,
    tags: [
      { name: 'A类重点', color: '#f5222d' },
      { name: 'B类普通', color: '#fa8c16' },
      { name: 'C类潜在', color: '#8c8c8c' },
    ],
  },
  {
    name: '偏好',
    exclusive: false,
    tags: [
      { name: '价格敏感', color: '#faad14' },
      { name: '重视服务', color: '#52c41a' },
      { name: '决策快', color: '#1677ff' },
      { name: '需要发票', color: '#722ed1' },
    ],
  },
];

export const leadSources = ['官网表单', '展会', '老客户介绍', '企业微信活码', '电话咨询', '百度推广'];

export const followUpTexts: Record<'call' | 'visit' | 'wechat' | 'email' | 'meeting', string[]> = {
  call: [
    '电话沟通了采购需求，对方预计下月启动招标',
    '电话回访，客户对上次报价有疑问，需要重新核算',
    '确认了到货时间，客户满意',
  ],
  visit: [
    '上门拜访，参观了生产线，对方有扩产计划',
    '拜访采购经理，递交了产品资料和样品',
    '现场演示设备，技术总监认可',
  ],
  wechat: ['微信发送了最新价目表', '客户微信咨询售后政策，已解答', '微信约定下周二上门'],
  email: ['邮件发送了正式报价单', '邮件确认合同条款修改意见', '发送了年度合作方案'],
  meeting: [
    '双方开会讨论年度框架协议',
    '线上会议演示系统功能，客户提出三点改进',
    '与对方财务开会确认付款节点',
  ],
};

export const nextSteps = [
  '发送正式报价',
  '安排技术交流',
  '跟进合同审批',
  '寄送样品',
  '约见决策人',
  '确认付款计划',
];
