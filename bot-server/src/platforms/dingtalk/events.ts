// DingTalk payloads → neutral ChatEvents. The same robot message and card callback objects arrive
// over HTTP and as the `data` of a Stream frame; subscription events differ only in their envelope
// (flat JSON with `EventType` over HTTP, `headers.eventType` + body on Stream).
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { CardActionEvent, ChatEvent, OrgChangeEvent } from '../common.js';
import { MalformedRequestError } from './errors.js';

const platform = 'dingtalk' as const;

type Json = Record<string, unknown>;

export function parseJsonObject(text: string, what: string): Json {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new MalformedRequestError(`${what} is not valid JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MalformedRequestError(`${what} is not a JSON object`);
  }
  return value as Json;
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new MalformedRequestError(
      `${what}: ${result.error.issues.map((i) => i.path.join('.')).join(', ')}`,
    );
  }
  return result.data;
}

/** DingTalk times are epoch milliseconds, as numbers or as digit strings depending on the API. */
function millis(value: unknown): Date | undefined {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\d+$/.test(value)
        ? Number(value)
        : NaN;
  return Number.isFinite(n) && n > 0 ? new Date(n) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Robot messages (HTTP POST body / Stream topic /v1.0/im/bot/messages/get)

const robotMessageSchema = z.looseObject({
  msgId: z.string().min(1),
  msgtype: z.string().min(1),
  // A string ("1" single, "2" group) in every sample; accepted as a number too.
  conversationType: z.union([z.string(), z.number()]).transform(String),
  conversationId: z.string().min(1),
  senderStaffId: z.string().optional(),
  createAt: z.number().optional(),
  sessionWebhook: z.string().optional(),
  sessionWebhookExpiredTime: z.number().optional(),
  text: z.looseObject({ content: z.string() }).optional(),
  content: z.unknown().optional(),
});

const richTextSchema = z.looseObject({ richText: z.array(z.looseObject({ text: z.string().optional() })) });
const audioSchema = z.looseObject({ recognition: z.string() });

/** What the user typed: text, the text parts of rich text, or the speech recognition of audio. */
function typedText(msg: z.infer<typeof robotMessageSchema>): string | undefined {
  switch (msg.msgtype) {
    case 'text':
      return msg.text?.content.trim();
    case 'richText': {
      const rich = richTextSchema.safeParse(msg.content);
      return rich.success
        ? rich.data.richText
            .map((part) => part.text ?? '')
            .join('')
            .trim()
        : undefined;
    }
    case 'audio': {
      const audio = audioSchema.safeParse(msg.content);
      return audio.success ? audio.data.recognition.trim() : undefined;
    }
    default:
      return undefined;
  }
}

export function robotMessageEvent(payload: Json): ChatEvent {
  const msg = parseWith(robotMessageSchema, payload, 'robot message');
  const base = {
    platform,
    dedupeKey: msg.msgId,
    occurredAt: millis(msg.createAt) ?? new Date(),
    raw: payload,
  };
  const text = typedText(msg);
  if (text === undefined) return { ...base, kind: 'unknown', type: `robot_message.${msg.msgtype}` };
  // External users (and everyone before the robot is published) have no staff id: there is no
  // CRM user to act as, so the event is kept for audit but not dispatched as a command.
  if (!msg.senderStaffId) return { ...base, kind: 'unknown', type: 'robot_message.no_staff_id' };
  const expiresAt = millis(msg.sessionWebhookExpiredTime);
  return {
    ...base,
    kind: 'text',
    from: msg.senderStaffId,
    conversation:
      msg.conversationType === '2' ? { type: 'group', id: msg.conversationId } : { type: 'direct' },
    text,
    msgId: msg.msgId,
    ...(msg.sessionWebhook && expiresAt ? { reply: { sessionWebhook: msg.sessionWebhook, expiresAt } } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Card callbacks (HTTP POST body / Stream topic /v1.0/card/instances/callback)

const cardCallbackSchema = z.looseObject({
  type: z.string().optional(),
  outTrackId: z.string().min(1),
  userId: z.string().min(1),
  content: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
  value: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
});

const actionSchema = z.looseObject({
  actionIds: z.array(z.string()).optional(),
  params: z.record(z.string(), z.unknown()).optional(),
});
const cardContentSchema = actionSchema.extend({ cardPrivateData: actionSchema.optional() });

export function cardCallbackEvent(payload: Json, meta: { dedupeKey: string; occurredAt: Date }): ChatEvent {
  const cb = parseWith(cardCallbackSchema, payload, 'card callback');
  const base = { platform, dedupeKey: meta.dedupeKey, occurredAt: meta.occurredAt, raw: payload };
  // Dynamic data-source pulls share the topic but are not clicks.
  if (cb.type !== undefined && cb.type !== 'actionCallback')
    return { ...base, kind: 'unknown', type: `card.${cb.type}` };
  // `content` in current payloads, `value` in older HTTP samples; both are JSON strings.
  const carrier = cb.content ?? cb.value;
  if (carrier === undefined) throw new MalformedRequestError('card callback has no content');
  const content = parseWith(
    cardContentSchema,
    typeof carrier === 'string' ? parseJsonObject(carrier, 'card callback content') : carrier,
    'card callback content',
  );
  // One documented sample puts params next to cardPrivateData instead of inside it.
  const params = content.cardPrivateData?.params ?? content.params ?? {};
  const actionIds = content.cardPrivateData?.actionIds ?? content.actionIds ?? [];
  // The button's configured `action` param is the stable key; the component id is a fallback for
  // buttons configured without params (ids like `single_button_node_ocltl6e6foq` are generated).
  const action = typeof params.action === 'string' && params.action !== '' ? params.action : actionIds[0];
  if (!action) throw new MalformedRequestError('card callback names no action');
  const selected: Record<string, string[]> = {};
  const inputs: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) selected[key] = value;
    if (typeof value === 'string' && key !== 'action') inputs[key] = value;
  }
  const event: CardActionEvent = {
    ...base,
    kind: 'card_action',
    from: cb.userId,
    cardId: cb.outTrackId,
    actionKey: action,
  };
  return {
    ...event,
    ...(Object.keys(selected).length > 0 && { selected }),
    ...(Object.keys(inputs).length > 0 && { inputs }),
  };
}

/** The headers of a Stream frame this layer reads (the SDK's DWClientDownStream headers). */
export interface StreamHeaders {
  messageId: string;
  time?: string;
  eventType?: string;
  eventId?: string;
  eventBornTime?: string;
}

/** A card callback Stream frame: DingTalk may redeliver it, always with the same messageId. */
export function streamCardCallbackEvent(headers: StreamHeaders, data: string): ChatEvent {
  return cardCallbackEvent(parseJsonObject(data, 'card callback'), {
    dedupeKey: headers.messageId,
    occurredAt: millis(headers.time) ?? new Date(),
  });
}

// ---------------------------------------------------------------------------------------------
// Subscription events (HTTP flat payload / Stream EVENT frames)

const orgEvents: Record<string, { entity: OrgChangeEvent['entity']; change: OrgChangeEvent['change'] }> = {
  user_add_org: { entity: 'user', change: 'create' },
  user_modify_org: { entity: 'user', change: 'update' },
  user_active_org: { entity: 'user', change: 'update' },
  user_leave_org: { entity: 'user', change: 'delete' },
  org_dept_create: { entity: 'department', change: 'create' },
  org_dept_modify: { entity: 'department', change: 'update' },
  org_dept_remove: { entity: 'department', change: 'delete' },
};
const approvalEvents = new Set(['bpms_instance_change', 'bpms_task_change']);

/** Ids are arrays (`userId: ["…"]`), camelCase on Stream and PascalCase over HTTP. */
function idList(body: Json, camel: string, pascal: string): string[] {
  const value = body[camel] ?? body[pascal];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v) => typeof v === 'string' || typeof v === 'number').map(String);
}

interface SubscriptionEvent {
  type: string;
  eventId: string;
  occurredAt: Date;
  body: Json;
  raw: Json;
}

/**
 * One DingTalk event may name several users or departments; each becomes its own ChatEvent, keyed
 * `eventId:id` so a redelivery of the same event dedupes id by id.
 */
function subscriptionEvents(e: SubscriptionEvent): ChatEvent[] {
  const base = { platform, dedupeKey: e.eventId, occurredAt: e.occurredAt, raw: e.raw };
  const org = orgEvents[e.type];
  if (org) {
    const ids =
      org.entity === 'user' ? idList(e.body, 'userId', 'UserId') : idList(e.body, 'deptId', 'DeptId');
    if (ids.length === 1) return [{ ...base, kind: 'org_change', ...org, id: ids[0]! }];
    if (ids.length > 1) {
      return ids.map((id) => ({ ...base, dedupeKey: `${e.eventId}:${id}`, kind: 'org_change', ...org, id }));
    }
  }
  if (approvalEvents.has(e.type) && typeof e.body.processInstanceId === 'string') {
    return [{ ...base, kind: 'approval_change', approvalId: e.body.processInstanceId }];
  }
  return [{ ...base, kind: 'unknown', type: e.type }];
}

/** Handshakes DingTalk sends to test the URL; answered with `success`, never stored. */
const urlChecks = new Set(['check_url']);

/** A decrypted HTTP event. URL checks yield no events. */
export function httpSubscriptionEvents(plaintext: string): ChatEvent[] {
  const payload = parseJsonObject(plaintext, 'event');
  const type = payload.EventType;
  if (typeof type !== 'string' || type === '') throw new MalformedRequestError('event has no EventType');
  if (urlChecks.has(type)) return [];
  const eventId =
    typeof payload.eventId === 'string' && payload.eventId !== ''
      ? payload.eventId
      : // Legacy register_call_back payloads carry no id: the plaintext itself identifies a retry.
        `sha256:${createHash('sha256').update(plaintext).digest('hex')}`;
  const occurredAt =
    millis(payload.EventTime) ?? millis(payload.TimeStamp) ?? millis(payload.timeStamp) ?? new Date();
  return subscriptionEvents({ type, eventId, occurredAt, body: payload, raw: payload });
}

export function streamSubscriptionEvents(headers: StreamHeaders, data: string): ChatEvent[] {
  const body = parseJsonObject(data, 'event data');
  if (!headers.eventType) throw new MalformedRequestError('EVENT frame has no eventType');
  return subscriptionEvents({
    type: headers.eventType,
    eventId: headers.eventId || headers.messageId,
    occurredAt: millis(headers.eventBornTime) ?? millis(headers.time) ?? new Date(),
    body,
    // Stream bodies lack the event name; keep it with the body so stored events are self-describing.
    raw: { EventType: headers.eventType, eventId: headers.eventId, ...body },
  });
}
