// What transport.ts and transport.h5.ts share. It lives apart from them: in the h5 build
// './transport' is transport.h5.ts itself, so the h5 file cannot import it from there.

export interface Exchange {
  url: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  header: Record<string, string>;
  data?: unknown;
  timeout: number;
}

export interface Answer {
  statusCode: number;
  /** The parsed JSON body, or the raw text when it was not JSON. */
  data: unknown;
}

/** No answer came: `timeout`, or the network failed. */
export class TransportError extends Error {
  constructor(readonly reason: 'timeout' | 'network') {
    super(reason);
    this.name = 'TransportError';
  }
}
