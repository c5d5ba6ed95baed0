// @kelian/cards: plain view objects in, platform JSON out. Pure: no I/O, nothing from the server.

export { type ActionKey, encodeActionKey, parseActionKey } from './actions/action-key.js';
export { ACTION_VERBS, type ActionVerb, isActionVerb, verbNeedsConfirmation } from './actions/verbs.js';
export { type CardAudience, type FieldRule, FULL_VIEW, leastPrivileged } from './audience/audience.js';
export { maskPhone, presentAmount, presentPhone } from './audience/mask.js';
export {
  type ApprovalCardMine,
  type ApprovalCardRole,
  type ApprovalCardState,
  type ApprovalCardView,
  approvalReasonOptions,
  approvalReasonText,
  buildApprovalCard,
  buildApprovalReasonCard,
} from './builders/approval.js';
export { type ApprovalInboxCardView, buildApprovalInboxCard } from './builders/approval-inbox.js';
export { buildConfirmationCard } from './builders/confirmation.js';
export {
  buildCustomerResultsCard,
  CUSTOMER_RESULTS_MAX,
  type CustomerResult,
  type CustomerResultsCardView,
} from './builders/customer-results.js';
export { buildDailyDigestCard, type DailyDigestCardView } from './builders/daily-digest.js';
export { buildLeadCard, type LeadCardState, type LeadCardView } from './builders/lead.js';
export {
  buildOrderStatusCard,
  type OrderStatusCardState,
  type OrderStatusCardView,
} from './builders/order-status.js';
export { paths } from './builders/paths.js';
export { buildProcurementDelayCard, type ProcurementDelayCardView } from './builders/procurement-delay.js';
export {
  buildProcurementProgressCard,
  type ProcurementProgressCardView,
  type ProcurementStage,
} from './builders/procurement-progress.js';
export {
  buildPurchaseRequestCard,
  type ProcurementItem,
  type PurchaseRequestCardState,
  type PurchaseRequestCardView,
} from './builders/purchase-request.js';
export {
  buildQuoteListCard,
  QUOTE_LIST_MAX,
  type QuoteListCardView,
  type QuoteListItem,
} from './builders/quote-list.js';
export {
  buildReceivableCard,
  type ReceivableCardState,
  type ReceivableCardView,
} from './builders/receivable.js';
export {
  buildStalledDealCard,
  type StalledDealCardState,
  type StalledDealCardView,
} from './builders/stalled-deal.js';
export {
  buildSurveyCard,
  type SurveyCardState,
  type SurveyCardView,
  type SurveyScore,
} from './builders/survey.js';
export { buildTaskCard, type TaskCardState, type TaskCardView } from './builders/task.js';
export {
  buildTicketCard,
  type TicketCardState,
  type TicketCardView,
  type TicketPriority,
} from './builders/ticket.js';
export { formatDate, formatDateTime, formatMonthDayTime } from './format/date.js';
export { formatAmount, formatMoney, type MoneyStyle } from './format/money.js';
export { truncate } from './format/truncate.js';
export type {
  ActionStyle,
  CallbackAction,
  Card,
  CardAction,
  CardField,
  CardKind,
  CardPoll,
  CardReasonPrompt,
  LinkAction,
  Tone,
} from './model/card.js';
export { assertCardId, cardIdFor } from './model/card-id.js';
export { CARD_LIMITS, createCard } from './model/create-card.js';
export { CardLimitError } from './model/limit-error.js';
export { appUrl } from './render/app-url.js';
export { type DingTalkActionCardMessage, renderDingTalkActionCard } from './render/dingtalk/action-card.js';
export { renderDingTalkMarkdown } from './render/dingtalk/markdown.js';
export { dingTalkOpenLink } from './render/dingtalk/open-link.js';
export {
  type DingTalkRenderOptions,
  renderDingTalk,
  renderDingTalkUpdate,
} from './render/dingtalk/render.js';
export type {
  DingTalkButton,
  DingTalkCardCreate,
  DingTalkCardUpdate,
  DingTalkField,
  KelianCardParamMap,
} from './render/dingtalk/types.js';
export { KIND_LABEL } from './render/kind-label.js';
export type { RenderOptions } from './render/options.js';
export type { WeComRenderOptions } from './render/wecom/parts.js';
export { renderWeCom } from './render/wecom/render.js';
export type {
  WeComButton,
  WeComButtonInteraction,
  WeComTemplateCard,
  WeComTextNotice,
  WeComVoteInteraction,
} from './render/wecom/types.js';
export { renderWeComUpdate } from './render/wecom/update.js';
export { cardSamples } from './samples/index.js';
export { type CardSample, SAMPLE_RENDER_OPTIONS } from './samples/sample.js';
