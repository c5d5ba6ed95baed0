// Something happens in the organisation (`user_add_org`, `bpms_task_change`, …): the subscription
// event as DingTalk delivers it, a Stream EVENT frame or an encrypted, signed HTTP POST (§1).
import type { SandboxContext } from '../context.js';
import { randomAlnum, stableUuid } from '../state/ids.js';
import { decryptEvent, encryptEvent, eventSignature } from './callback-crypto.js';
import { type DingTalkDelivery, postToKelian } from './person-delivery.js';
import type { StreamGateway } from './stream-gateway.js';

const DINGTALK_EVENTS_PATH = '/dingtalk/events';
/** Events over HTTP must be answered within 1.5 s (§1.1). */
const EVENT_HTTP_ANSWER_MS = 1_500;

/** A subscription event such as `user_add_org` or `bpms_task_change`, with its body. */
export type EmitDingTalkEvent = (input: { eventType: string; data: Record<string, unknown> }) => Promise<{
  eventId: string;
  delivery: DingTalkDelivery;
}>;

export function emitDingTalkEvent(sb: SandboxContext, gateway: StreamGateway): EmitDingTalkEvent {
  return async ({ eventType, data }) => {
    const eventId = randomAlnum(32).toLowerCase();
    const bornTime = String(sb.now());
    if (sb.dingtalk.mode === 'stream') {
      const pushed = await gateway.push(
        'EVENT',
        '*',
        data,
        {
          answerWithinMs: 5_000,
          redeliverAfterMs: 60_000,
          maxDeliveries: 3,
          settles: (ack) => (ack.data as { status?: unknown } | undefined)?.status === 'SUCCESS',
        },
        {
          eventType,
          eventId,
          eventCorpId: sb.dingtalk.corpId,
          eventBornTime: bornTime,
          eventUnifiedAppId: stableUuid(`unified:${sb.dingtalk.clientId}`),
        },
      );
      return { eventId, delivery: { mode: 'stream', ...pushed } };
    }
    // HTTP mode: flat JSON, encrypted for the app (ownerKey = clientId), signed (§1).
    const { token, aesKey, clientId } = sb.dingtalk;
    const plain = JSON.stringify({
      EventType: eventType,
      EventTime: bornTime,
      CorpId: sb.dingtalk.corpId,
      eventId,
      ...data,
    });
    const encrypt = encryptEvent(aesKey, clientId, plain);
    const nonce = randomAlnum(16);
    const url = new URL(`${sb.serverUrl()}${DINGTALK_EVENTS_PATH}`);
    url.searchParams.set('signature', eventSignature(token, bornTime, nonce, encrypt));
    url.searchParams.set('timestamp', bornTime);
    url.searchParams.set('nonce', nonce);
    const delivery = await postToKelian(url.toString(), { encrypt }, {}, EVENT_HTTP_ANSWER_MS);
    if (!delivery.delivered) return { eventId, delivery };
    // DingTalk counts the event as taken only when the answer decrypts to "success".
    const answer = delivery.answer as Record<string, unknown> | undefined;
    const signed =
      typeof answer?.encrypt === 'string' &&
      eventSignature(token, String(answer.timeStamp), String(answer.nonce), answer.encrypt) ===
        answer.msg_signature;
    const success = signed && decryptEvent(aesKey, clientId, String(answer?.encrypt)) === 'success';
    return {
      eventId,
      delivery: success
        ? delivery
        : { ...delivery, delivered: false, reason: 'the answer is not an encrypted "success"' },
    };
  };
}
