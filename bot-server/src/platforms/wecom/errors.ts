// Typed errors of the WeCom layer. Receive-side errors carry the HTTP status the callback route
// answers with, and the code of the official WXBizMsgCrypt library so logs match WeCom's docs.
// No message ever contains a secret, an access token, a ticket or a webhook key.

/** A request to the callback URL that must be refused: nothing is stored, the route answers `status`. */
export abstract class WeComReceiveError extends Error {
  abstract readonly status: number;
  /** The matching error code of the official WXBizMsgCrypt library (§1.2 of the reference). */
  abstract readonly cryptoCode: number;
}

/** msg_signature does not match sha1(sort(token, timestamp, nonce, encrypt)). */
export class WeComSignatureError extends WeComReceiveError {
  override readonly name = 'WeComSignatureError';
  readonly status = 401;
  readonly cryptoCode = -40001;
  constructor() {
    super('msg_signature does not match');
  }
}

/** The request is authentic but its timestamp is outside the accepted window: a replay or a broken clock. */
export class WeComStaleError extends WeComReceiveError {
  override readonly name = 'WeComStaleError';
  readonly status = 401;
  readonly cryptoCode = -40001;
  constructor(readonly skewMs: number) {
    super(`timestamp is ${Math.round(skewMs / 1000)} s away from now`);
  }
}

/** The decrypted payload names another receiver (another corp or suite). */
export class WeComReceiveIdError extends WeComReceiveError {
  override readonly name = 'WeComReceiveIdError';
  readonly status = 403;
  readonly cryptoCode = -40005;
  constructor(readonly receivedId: string) {
    super('receive id of the payload does not match the configured corp id');
  }
}

/** Query parameters, envelope or decrypted XML are not what WeCom sends. */
export class WeComMalformedError extends WeComReceiveError {
  override readonly name: string = 'WeComMalformedError';
  readonly status = 400;
  readonly cryptoCode: number = -40002;
}

/** The ciphertext does not decrypt to a well-formed WXBizMsgCrypt plaintext (base64, block size, padding, length). */
export class WeComDecryptError extends WeComMalformedError {
  override readonly name = 'WeComDecryptError';
  override readonly cryptoCode = -40007;
}

/** The XML declares a DOCTYPE or entities: refused before parsing, so entity expansion can never happen. */
export class WeComXmlEntityError extends WeComMalformedError {
  override readonly name = 'WeComXmlEntityError';
  constructor() {
    super('XML with DOCTYPE or ENTITY declarations is refused');
  }
}

/** The body is larger than any WeCom callback. */
export class WeComPayloadTooLargeError extends WeComReceiveError {
  override readonly name = 'WeComPayloadTooLargeError';
  readonly status = 413;
  readonly cryptoCode = -40008;
  constructor(
    readonly bytes: number,
    readonly maxBytes: number,
  ) {
    super(`payload of ${bytes} bytes exceeds the limit of ${maxBytes} bytes`);
  }
}

/** The WeCom settings cannot work (e.g. an EncodingAESKey that is not 43 base64 characters). */
export class WeComConfigError extends Error {
  override readonly name = 'WeComConfigError';
}

/** WeCom answered with a non-zero errcode. `path` is the API path without query (never the token). */
export class WeComApiError extends Error {
  override readonly name = 'WeComApiError';
  constructor(
    readonly path: string,
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`WeCom ${path} failed: errcode ${errcode} (${errmsg})`);
  }
}

/** The HTTP exchange itself failed: no connection, a timeout, a non-2xx status or a body that is not WeCom JSON. */
export class WeComTransportError extends Error {
  override readonly name = 'WeComTransportError';
  constructor(
    readonly path: string,
    readonly reason: string,
    readonly httpStatus?: number,
  ) {
    super(`WeCom ${path} unreachable: ${reason}`);
  }
}

/** A message or card breaks a documented WeCom limit; nothing was sent. */
export class WeComLimitError extends Error {
  override readonly name = 'WeComLimitError';
}

/**
 * Sending now would exceed a documented per-recipient frequency limit, which WeCom enforces by
 * silently dropping the message. Nothing was sent; retry after `retryAfterMs`.
 */
export class WeComRateLimitError extends Error {
  override readonly name = 'WeComRateLimitError';
  constructor(
    readonly retryAfterMs: number,
    /** The limiter keys (e.g. `user:zhangsan`) that are over their limit. */
    readonly limitedKeys: string[],
  ) {
    super(
      `rate limit reached for ${limitedKeys.length} recipient(s); retry in ${Math.ceil(retryAfterMs)} ms`,
    );
  }
}
