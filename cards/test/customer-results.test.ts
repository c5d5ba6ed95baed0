import {
  buildCustomerResultsCard,
  type CustomerResult,
  FULL_VIEW,
  renderDingTalk,
  renderDingTalkActionCard,
  renderWeCom,
  SAMPLE_RENDER_OPTIONS,
} from '@kelian/cards';
import { describe, expect, test } from 'vitest';

const xinghe: CustomerResult = {
  id: '5001',
  name: '北京星河智能科技有限公司',
  owner: '张伟',
  contact: '赵敏',
  phone: '13812341234',
};
const view = (customers: CustomerResult[], more = false) => ({
  cardId: 'customer-results-wecom-1-v1',
  keyword: '星河',
  customers,
  more,
});

const everything = (card: ReturnType<typeof buildCustomerResultsCard>) =>
  JSON.stringify([
    renderWeCom(card, SAMPLE_RENDER_OPTIONS),
    renderDingTalk(card, SAMPLE_RENDER_OPTIONS),
    renderDingTalkActionCard(card, SAMPLE_RENDER_OPTIONS),
  ]);

describe('customer results card', () => {
  test('a match its name does not explain says why it matched', () => {
    const card = buildCustomerResultsCard(
      view([{ id: '5003', name: '锦程精密机械有限公司', owner: '张伟', matchedBy: '联系人 赵文博' }]),
      FULL_VIEW,
    );
    expect(card.fields).toEqual([
      { label: '锦程精密机械有限公司', value: '匹配：联系人 赵文博 · 负责人 张伟' },
    ]);
  });

  test('each match is a row and a button opening its profile; one match is also the card link', () => {
    const card = buildCustomerResultsCard(view([xinghe, { id: '5002', name: '星河物流' }]), FULL_VIEW);
    expect(card.fields).toEqual([
      { label: '北京星河智能科技有限公司', value: '负责人 张伟 · 赵敏 13812341234' },
      { label: '星河物流', value: '负责人 公海' },
    ]);
    expect(card.actions).toEqual([
      {
        type: 'link',
        label: '北京星河智能科技有限公司',
        style: 'default',
        path: '/pages/customers/detail?id=5001',
      },
      { type: 'link', label: '星河物流', style: 'default', path: '/pages/customers/detail?id=5002' },
    ]);
    expect(card.link).toBeUndefined();
    expect(buildCustomerResultsCard(view([xinghe]), FULL_VIEW).link).toEqual({
      path: '/pages/customers/detail?id=5001',
    });
    expect(renderWeCom(card, SAMPLE_RENDER_OPTIONS)).toMatchObject({
      jump_list: [
        {
          type: 1,
          title: '北京星河智能科技有限公司',
          url: 'https://crm.example.com/app/pages/customers/detail?id=5001',
        },
        { type: 1, title: '星河物流', url: 'https://crm.example.com/app/pages/customers/detail?id=5002' },
      ],
    });
  });

  test('a masked audience sees 138****1234 on every platform; a hidden phone is not there at all', () => {
    const masked = everything(
      buildCustomerResultsCard(view([xinghe]), { phone: 'masked', amount: 'visible' }),
    );
    expect(masked).toContain('138****1234');
    expect(masked).not.toContain('13812341234');
    const hidden = everything(
      buildCustomerResultsCard(view([xinghe]), { phone: 'hidden', amount: 'visible' }),
    );
    expect(hidden).not.toContain('1234');
    expect(hidden).toContain('赵敏');
  });

  test('at most three matches fit (WeCom shows three links), and the card says when more matched', () => {
    const many = Array.from({ length: 7 }, (_, i) => ({ id: String(i + 1), name: `星河${i + 1}` }));
    const card = buildCustomerResultsCard(view(many), FULL_VIEW);
    expect(card.fields).toHaveLength(3);
    expect(card.actions).toHaveLength(3);
    expect(renderWeCom(card, SAMPLE_RENDER_OPTIONS)).toMatchObject({ jump_list: { length: 3 } });
    expect(card.subtitle).toBe('最匹配的 3 位客户');
    expect(card.status.text).toContain('输入更完整的名称');
    expect(buildCustomerResultsCard(view([xinghe], true), FULL_VIEW).subtitle).toBe('最匹配的 1 位客户');
    expect(buildCustomerResultsCard(view([xinghe]), FULL_VIEW).subtitle).toBe('找到 1 位客户');
  });
});
