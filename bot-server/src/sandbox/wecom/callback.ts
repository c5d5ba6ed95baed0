import { randomInt } from 'node:crypto';
import { decrypt, encrypt, getSignature } from '@wecom/crypto';
import { XMLParser } from 'fast-xml-parser';

// WeCom's side of the callback (reference §1, §2): the plaintext XML as WeCom writes it, encrypted
// and signed with the app's Token / EncodingAESKey / CorpID, POSTed to Kelian's callback URL. An
// answer that is not HTTP 200 within 5 s is a failed delivery, and WeCom sends the very same
// request again, up to 3 more times. A passive reply in the answer is checked and decrypted as
// WeCom would before it is shown.

/** A string is written as CDATA, a number or `{ raw }` bare, an array as child elements. */
export type XmlValue = string | number | { raw: string } | XmlNode[];
export type XmlNode = [name: string, value: XmlValue];

const cdata = (text: string) => `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;

function element([name, value]: XmlNode): string {
  const inner =
    typeof value === 'string'
      ? cdata(value)
      : typeof value === 'number'
        ? String(value)
        : Array.isArray(value)
          ? value.map(element).join('')
          : value.raw;
  return `<${name}>${inner}</${name}>`;
}

/** The layout of WeCom's own samples: one element per line inside `<xml>`. */
export function weComXml(nodes: XmlNode[]): string {
  return `<xml>${nodes.map(element).join('\n')}\n</xml>`;
}

export interface CallbackTarget {
  url: string;
  token: string;
  encodingAesKey: string;
  corpId: string;
}

export interface DeliveryAttempt {
  attempt: number;
  status?: number;
  ms: number;
  ok: boolean;
  error?: string;
}

export type PassiveReply = { ok: true; fields: Record<string, unknown> } | { ok: false; problem: string };

export interface CallbackDelivery {
  /** Kelian answered 200 within 5 s at least once. */
  ok: boolean;
  attempts: DeliveryAttempt[];
  /** The passive reply WeCom would act on (absent when the answer body was empty). */
  reply?: PassiveReply;
}

/** WeCom waits 5 s for the answer (doc 90930). */
const CALLBACK_TIMEOUT_MS = 5_000;
/** The first delivery and up to 3 retries. */
const MAX_DELIVERIES = 4;

const parser = new XMLParser({ processEntities: false, parseTagValue: false, ignoreAttributes: true });

export async function deliverCallback(
  target: CallbackTarget,
  plaintext: string,
  agentId: string,
  options: { now: () => number; redeliver?: number; timeoutMs?: number },
): Promise<CallbackDelivery> {
  const encrypted = encrypt(target.encodingAesKey, plaintext, target.corpId);
  const timestamp = String(Math.floor(options.now() / 1000));
  const nonce = String(randomInt(1_000_000_000, 2_000_000_000));
  const signature = getSignature(target.token, timestamp, nonce, encrypted);
  const url = new URL(target.url);
  url.searchParams.set('msg_signature', signature);
  url.searchParams.set('timestamp', timestamp);
  url.searchParams.set('nonce', nonce);
  const body = weComXml([
    ['ToUserName', target.corpId],
    ['AgentID', agentId],
    ['Encrypt', encrypted],
  ]);

  const attempts: DeliveryAttempt[] = [];
  let reply: PassiveReply | undefined;
  for (let attempt = 1; attempt <= MAX_DELIVERIES; attempt++) {
    const started = performance.now();
    const outcome: DeliveryAttempt = { attempt, ms: 0, ok: false };
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'text/xml' },
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? CALLBACK_TIMEOUT_MS),
      });
      const text = await res.text();
      outcome.status = res.status;
      outcome.ok = res.status === 200;
      if (outcome.ok) reply = text.trim() === '' ? undefined : readPassiveReply(target, text);
    } catch (error) {
      outcome.error = (error as Error).name === 'TimeoutError' ? 'no answer within 5 s' : String(error);
    }
    outcome.ms = Math.round(performance.now() - started);
    attempts.push(outcome);
    // A failed delivery is retried; `redeliver` plays WeCom retrying although the answer was fine
    // (the answer got lost on the way back), which is what Kelian's dedupe must absorb.
    if (outcome.ok && attempt > (options.redeliver ?? 0)) break;
  }
  return { ok: attempts.some((a) => a.ok), attempts, ...(reply ? { reply } : {}) };
}

function readPassiveReply(target: CallbackTarget, text: string): PassiveReply {
  let envelope: Record<string, string>;
  try {
    envelope = (parser.parse(text) as { xml?: Record<string, string> }).xml ?? {};
  } catch {
    return { ok: false, problem: 'the answer is not XML' };
  }
  const { Encrypt, MsgSignature, TimeStamp, Nonce } = envelope;
  if (!Encrypt || !MsgSignature || !TimeStamp || !Nonce) {
    return {
      ok: false,
      problem: 'the answer is not an encrypted reply (Encrypt, MsgSignature, TimeStamp, Nonce)',
    };
  }
  if (getSignature(target.token, TimeStamp, Nonce, Encrypt) !== MsgSignature) {
    return { ok: false, problem: 'MsgSignature does not match' };
  }
  let message: string;
  try {
    const opened = decrypt(target.encodingAesKey, Encrypt);
    if (opened.id !== target.corpId)
      return { ok: false, problem: 'the reply is encrypted for another receiveid' };
    message = opened.message;
  } catch {
    return { ok: false, problem: 'the reply cannot be decrypted' };
  }
  try {
    const fields = (parser.parse(message) as { xml?: Record<string, unknown> }).xml;
    return fields ? { ok: true, fields } : { ok: false, problem: 'the decrypted reply has no <xml> root' };
  } catch {
    return { ok: false, problem: 'the decrypted reply is not XML' };
  }
}
