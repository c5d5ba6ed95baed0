import { type FollowUp, type FollowUpKind, FollowUpSchema } from '@kelian/orm';
import { presentFollowUp } from '../records.js';
import { personOf, rowSource } from './source.js';

export const followUpKindLabels: Record<FollowUpKind, string> = {
  call: '电话',
  visit: '拜访',
  wechat: '微信',
  email: '邮件',
  meeting: '会议',
};

/** The follow-up log, at the time each contact happened; shown through the one presenter. */
export const followUpSource = rowSource<FollowUp>({
  name: 'follow_up',
  entity: FollowUpSchema,
  column: 'occurred_at',
  where: ({ customer }) => ({ customer: customer.id }),
  populate: ['author'],
  entry(row, { access }) {
    const { kind, content, nextStep } = presentFollowUp(access, row).values;
    const lines = [content, nextStep ? `下一步：${nextStep}` : undefined].filter(Boolean);
    return {
      at: row.occurredAt,
      type: 'follow_up',
      title: `${kind ? followUpKindLabels[kind] : ''}跟进`,
      body: lines.length > 0 ? lines.join('\n') : null,
      by: personOf(row.author),
    };
  },
});
