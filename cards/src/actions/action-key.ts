import { utf8Length } from '../format/utf8.js';
import { type ActionVerb, isActionVerb } from './verbs.js';

/**
 * What a button asks the server to do. Encoded as `<verb>[!]:<id>[:<arg>]`, e.g.
 * `lead.claim:L1024`, `task.postpone:T7:1d`, `lead.invalid!:L1024` (the `!` marks a click the
 * user already confirmed). The string is the WeCom button key / EventKey and the DingTalk
 * callback param, so it stays ASCII and far below WeCom's 1024-byte key limit.
 */
export interface ActionKey {
  verb: ActionVerb;
  /** The business object acted on (lead id, approval id…). */
  id: string;
  /** A detail of the action: postpone duration, survey score. */
  arg?: string;
  /** The user has already answered the confirmation for this click. */
  confirmed?: boolean;
}

// Ids and args exclude ':' and '!' so the key splits without escaping.
const SEGMENT = /^[0-9A-Za-z_\-@.]+$/;
const KEY = /^([a-z]+\.[a-z]+)(!?):([0-9A-Za-z_\-@.]+)(?::([0-9A-Za-z_\-@.]+))?$/;

export function encodeActionKey(key: ActionKey): string {
  if (!SEGMENT.test(key.id)) throw new TypeError(`action id "${key.id}" must match ${SEGMENT}`);
  if (key.arg !== undefined && !SEGMENT.test(key.arg)) {
    throw new TypeError(`action arg "${key.arg}" must match ${SEGMENT}`);
  }
  const verb = key.confirmed ? `${key.verb}!` : key.verb;
  return key.arg === undefined ? `${verb}:${key.id}` : `${verb}:${key.id}:${key.arg}`;
}

/** The bytes WeCom counts against its 1024-byte key limit (the encoding is ASCII). */
export function actionKeyByteLength(key: ActionKey): number {
  return utf8Length(encodeActionKey(key));
}

/** Reads a key that came back from a platform; `undefined` for anything Kelian did not encode. */
export function parseActionKey(raw: string): ActionKey | undefined {
  const match = KEY.exec(raw);
  if (!match) return undefined;
  const [, verb, bang, id, arg] = match;
  if (verb === undefined || id === undefined || !isActionVerb(verb)) return undefined;
  const key: ActionKey = { verb, id };
  if (arg !== undefined) key.arg = arg;
  if (bang === '!') key.confirmed = true;
  return key;
}
