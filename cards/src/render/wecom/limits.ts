/**
 * WeCom template_card limits (doc 90236 as transcribed in zsmhub/workweixin
 * `apis/发送应用消息-模板卡片消息.go`). Text lengths are the documented "建议不超过 N 个字":
 * longer text is cut by the client anyway, so Kelian cuts it first with an ellipsis.
 */
export const WECOM_TEXT = {
  sourceDesc: 20,
  title: 36,
  titleDesc: 44,
  emphasisTitle: 14,
  emphasisDesc: 22,
  subTitle: 160,
  keyname: 5,
  value: 30,
  jumpTitle: 18,
  buttonText: 10,
  optionText: 17,
  /** button_selection: title ≤12, option text ≤16 (doc 90236). */
  selectionTitle: 12,
  selectionOption: 16,
  submitText: 10,
  // Not documented: quote_area and replace_text get the lengths of the elements they look like
  // (a title / the sub-title text, and a button).
  quoteTitle: 36,
  quoteText: 160,
  replaceText: 10,
} as const;

/** Hard limits: a card over them is refused by WeCom, so rendering throws. */
export const WECOM_COUNT = {
  buttons: 6,
  horizontalContent: 6,
  jumpList: 3,
  checkboxOptions: 20,
  selectionOptions: 10,
} as const;
