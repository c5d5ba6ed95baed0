import { buildCustomerResultsCard } from '../builders/customer-results.js';
import { type CardSample, GROUP_VIEW } from './sample.js';

export const customerResultsSamples: CardSample[] = [
  {
    name: 'customer-results',
    label: '客户查询 · 多个匹配（群聊中电话脱敏）',
    delivery: 'send',
    card: buildCustomerResultsCard(
      {
        cardId: 'customer-results-xh-v1',
        keyword: '星河',
        customers: [
          {
            id: 'C5001',
            name: '北京星河智能科技有限公司',
            owner: '张伟',
            contact: '赵敏',
            phone: '13812341234',
          },
          { id: 'C5002', name: '星河物流', owner: '刘洋', phone: '010-62345678' },
          { id: 'C5003', name: '上海星河贸易' },
        ],
        more: false,
      },
      GROUP_VIEW,
    ),
  },
];
