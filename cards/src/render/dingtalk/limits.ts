/**
 * DingTalk `cardParamMap`: "every value is a string (key ≤100 B, value ≤1 KB)" (reference §5.1);
 * Kelian's keys are fixed and short, so only values are checked.
 * The text lengths are Kelian's: chosen so that six fields or six buttons, all in CJK, still fit
 * in one 1 KB value.
 */
export const DINGTALK_PARAM = { valueBytes: 1024 } as const;

export const DINGTALK_TEXT = {
  title: 40,
  subtitle: 60,
  emphasisValue: 20,
  emphasisLabel: 20,
  fieldLabel: 8,
  fieldValue: 40,
  status: 80,
  badge: 8,
  buttonText: 10,
  footer: 40,
  inputPlaceholder: 40,
} as const;
