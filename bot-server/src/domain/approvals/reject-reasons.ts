import type { FlowDefinition } from '@kelian/orm';

// The reasons an approval card offers for 驳回: WeCom template cards take no free text, so a flow
// names the usual ones (its administrator's words) and 其他原因 leads to the mini-app.

export const defaultRejectReasons: readonly string[] = ['价格过低', '信息不全', '客户资质不符'];

export const rejectReasonsOf = (definition: FlowDefinition): readonly string[] =>
  definition.rejectReasons && definition.rejectReasons.length > 0
    ? definition.rejectReasons
    : defaultRejectReasons;
