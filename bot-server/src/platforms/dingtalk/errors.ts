// Typed failures of the DingTalk layer. Inbound errors carry the HTTP status the route answers
// with, so a forged, stale or malformed request is refused with a 4xx and nothing is stored;
// API errors carry DingTalk's own code so callers can tell a bad user id from an outage.

export type InboundFailure = 'malformed' | 'bad_signature' | 'wrong_owner' | 'stale';

/** A request that claims to come from DingTalk and must be refused. */
export class DingTalkInboundError extends Error {
  override readonly name: string = 'DingTalkInboundError';
  constructor(
    readonly status: 400 | 401,
    readonly reason: InboundFailure,
    message: string,
    /** DingTalk's own number for the failure where its crypto libraries define one (900005, 900010). */
    readonly dingCode?: number,
  ) {
    super(message);
  }
}

/** Not valid JSON, missing fields, undecryptable ciphertext. */
export class MalformedRequestError extends DingTalkInboundError {
  override readonly name = 'MalformedRequestError';
  constructor(message: string) {
    super(400, 'malformed', message);
  }
}

/** The signature does not match, or the payload was sealed for another app or corp. */
export class ForgedRequestError extends DingTalkInboundError {
  override readonly name = 'ForgedRequestError';
  constructor(reason: 'bad_signature' | 'wrong_owner', message: string) {
    super(401, reason, message, reason === 'bad_signature' ? 900005 : 900010);
  }
}

/** The signed timestamp is outside the accepted window: a replay or a badly skewed clock. */
export class StaleRequestError extends DingTalkInboundError {
  override readonly name = 'StaleRequestError';
  constructor(message: string) {
    super(401, 'stale', message);
  }
}

/**
 * A DingTalk OpenAPI call failed. `code` is DingTalk's code as a string: the new API's `code`
 * (`param.cardNotExist`), the old API's `errcode` (`40078`, or its `sub_code` when that carries the
 * real reason), or one of ours: `NETWORK_ERROR`, `IP_BANNED`, `BAD_RESPONSE`, `DELIVERY_FAILED`.
 * The message never contains the access token or the app secret.
 */
export class DingTalkApiError extends Error {
  override readonly name = 'DingTalkApiError';
  constructor(
    readonly api: string,
    readonly code: string,
    message: string,
    readonly httpStatus?: number,
    readonly requestId?: string,
  ) {
    super(`${api}: ${code} ${message}`);
  }
}
