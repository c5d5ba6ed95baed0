import type { CardKind } from '../model/card.js';

/** The kind as the reader knows it, for the source line and the chat-list summary. */
export const KIND_LABEL: Record<CardKind, string> = {
  lead: '销售线索',
  approval: '审批',
  ticket: '工单',
  task: '跟进任务',
  purchase_request: '采购申请',
  procurement_progress: '采购进度',
  procurement_delay: '采购预警',
  order_status: '订单进展',
  stalled_deal: '商机预警',
  daily_digest: '日报',
  survey: '满意度',
  customer_results: '客户查询',
  quote_list: '报价',
};

/** `客联 · 销售线索`: who sent the card, first line of both platforms' cards. */
export function sourceLine(kind: CardKind): string {
  return `客联 · ${KIND_LABEL[kind]}`;
}
