import { DingTalkApiError, OapiError } from './errors.js';

// The message formats a robot sends (reference §3.2–§4): the app robot's msgKey with msgParam as
// a JSON string, and the custom-robot bodies posted to a sessionWebhook.

// msgKey → the msgParam fields it needs (doc robot-message-types-and-data-format).
const MSG_KEYS: Record<string, string[]> = {
  sampleText: ['content'],
  sampleMarkdown: ['title', 'text'],
  sampleImageMsg: ['photoURL'],
  sampleLink: ['text', 'title', 'messageUrl'],
  sampleActionCard: ['title', 'text', 'singleTitle', 'singleURL'],
  sampleActionCard2: ['title', 'text', 'actionTitle1', 'actionURL1', 'actionTitle2', 'actionURL2'],
  sampleActionCard3: ['title', 'text', 'actionTitle1', 'actionURL1'],
  sampleActionCard4: ['title', 'text', 'actionTitle1', 'actionURL1'],
  sampleActionCard5: ['title', 'text', 'actionTitle1', 'actionURL1'],
  sampleActionCard6: ['title', 'text', 'buttonTitle1', 'buttonUrl1', 'buttonTitle2', 'buttonUrl2'],
  sampleAudio: ['mediaId', 'duration'],
  sampleFile: ['mediaId', 'fileName', 'fileType'],
  sampleVideo: ['duration', 'videoMediaId', 'videoType'],
};

/** msgParam of the robot APIs, checked against its msgKey; returns the parsed parameters. */
export function readRobotMessage(
  msgKey: unknown,
  msgParam: unknown,
  maxBytes?: number,
): Record<string, unknown> {
  const fields = typeof msgKey === 'string' ? MSG_KEYS[msgKey] : undefined;
  if (!fields) throw new DingTalkApiError(400, 'param.invalid', `msgKey ${String(msgKey)} 不存在`);
  if (typeof msgParam !== 'string')
    throw new DingTalkApiError(400, 'param.invalid', 'msgParam 必须是 JSON 字符串');
  if (maxBytes !== undefined && Buffer.byteLength(msgParam) > maxBytes) {
    throw new DingTalkApiError(400, 'param.invalid', `msgParam 超过 ${maxBytes} 字节`);
  }
  let params: unknown;
  try {
    params = JSON.parse(msgParam);
  } catch {
    throw new DingTalkApiError(400, 'param.invalid', 'msgParam 不是合法的 JSON');
  }
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    throw new DingTalkApiError(400, 'param.invalid', 'msgParam 必须是 JSON 对象');
  }
  const missing = fields.filter((f) => (params as Record<string, unknown>)[f] === undefined);
  if (missing.length > 0)
    throw new DingTalkApiError(400, 'param.invalid', `msgParam 缺少 ${missing.join(', ')}`);
  return params as Record<string, unknown>;
}

// msgtype → required fields of its object, for the custom-robot format (§3.3).
const WEBHOOK_TYPES: Record<string, string[]> = {
  text: ['content'],
  markdown: ['title', 'text'],
  link: ['title', 'text', 'messageUrl'],
  actionCard: ['title', 'text'],
  feedCard: ['links'],
};

/** A sessionWebhook body; returns its msgtype and that type's object (with `at` kept). */
export function readWebhookMessage(body: Record<string, unknown>): {
  type: string;
  content: Record<string, unknown>;
} {
  const type = typeof body.msgtype === 'string' ? body.msgtype : '';
  const fields = WEBHOOK_TYPES[type];
  const content = body[type];
  if (!fields || typeof content !== 'object' || content === null) {
    throw new OapiError(40035, `不支持的消息类型 ${String(body.msgtype)}`);
  }
  const missing = fields.filter((f) => (content as Record<string, unknown>)[f] === undefined);
  if (missing.length > 0) throw new OapiError(40035, `${type} 缺少 ${missing.join(', ')}`);
  return { type, content: { ...(content as Record<string, unknown>), ...(body.at ? { at: body.at } : {}) } };
}
