import { buildTaskCard, FULL_VIEW, renderWeCom, SAMPLE_RENDER_OPTIONS } from '@kelian/cards';
import { describe, expect, test } from 'vitest';

const view = {
  cardId: 'task-7-v1',
  taskId: '7',
  what: '准备季度经营分析',
  customerName: '（无关联客户）',
  dueAt: new Date('2026-12-08T01:00:00Z'),
  state: { kind: 'due' } as const,
};

describe('a task card', () => {
  test('about a customer opens the customer', () => {
    const sent = JSON.stringify(
      renderWeCom(buildTaskCard({ ...view, customerId: '42' }, FULL_VIEW), SAMPLE_RENDER_OPTIONS),
    );
    expect(sent).toContain('打开客户');
    expect(sent).toContain('/app/pages/customers/detail?id=42');
  });

  test('about no customer opens the 待办 page instead of an empty customer link', () => {
    const sent = JSON.stringify(renderWeCom(buildTaskCard(view, FULL_VIEW), SAMPLE_RENDER_OPTIONS));
    expect(sent).toContain('打开待办');
    expect(sent).toContain('/app/pages/tasks/index');
    expect(sent).not.toContain('customers/detail');
  });
});
