import type { PGLiteSocketServer } from '@electric-sql/pglite-socket';

// PGlite answers every connection's startup with AuthenticationOk: with nothing in front, anyone on
// the machine who finds the socket's port joins the server's one session (and can read and change
// every table, or break the server with one `set search_path`). This gate asks each connection for
// a cleartext password (loopback only) before PGlite sees its startup message, and admits only the
// random password in the server's own URL, so the socket is really the server's own. The pg driver
// (ORM, pg-boss, the start-up lock) sends the password from the URL when asked.

type Enqueue = (
  handlerId: number,
  message: Uint8Array,
  onData: (data: Uint8Array) => void,
) => Promise<number>;

const authenticationCleartextPassword = Uint8Array.from([0x52, 0, 0, 0, 8, 0, 0, 0, 3]);
const passwordMessage = 0x70; // 'p'

export function requirePassword(server: PGLiteSocketServer, password: string): void {
  const queue = (
    server as unknown as { queryQueue: { enqueue: Enqueue; clearQueueForHandler(id: number): void } }
  ).queryQueue;
  const enqueue = queue.enqueue.bind(queue);
  const clear = queue.clearQueueForHandler.bind(queue);
  const admitted = new Set<number>();
  const refused = new Set<number>();
  const startups = new Map<number, Uint8Array>();

  queue.enqueue = (handlerId, message, onData) => {
    if (admitted.has(handlerId)) return enqueue(handlerId, message, onData);
    if (refused.has(handlerId)) return Promise.resolve(0);
    const startup = startups.get(handlerId);
    if (!startup) {
      // The first message of a connection is its startup message: hold it, ask for the password.
      startups.set(handlerId, message);
      onData(authenticationCleartextPassword);
      return Promise.resolve(0);
    }
    startups.delete(handlerId);
    if (message[0] === passwordMessage && passwordOf(message) === password) {
      admitted.add(handlerId);
      // PGlite now answers the startup as usual (AuthenticationOk, parameters, ReadyForQuery).
      return enqueue(handlerId, startup, onData);
    }
    refused.add(handlerId);
    onData(
      fatal(
        '28P01',
        "password authentication failed: this socket is the Kelian server's own; use npm run db:shell",
      ),
    );
    return Promise.resolve(0);
  };
  // Called when a connection ends.
  queue.clearQueueForHandler = (handlerId) => {
    admitted.delete(handlerId);
    refused.delete(handlerId);
    startups.delete(handlerId);
    clear(handlerId);
  };
}

function passwordOf(message: Uint8Array): string {
  // 'p', int32 length, the password, a zero byte.
  return Buffer.from(message.subarray(5, message.length - 1)).toString('utf8');
}

function fatal(code: string, text: string): Uint8Array {
  const fields = Buffer.concat([
    Buffer.from(`SFATAL\0VFATAL\0C${code}\0M${text}\0`, 'utf8'),
    Buffer.from([0]),
  ]);
  const head = Buffer.alloc(5);
  head[0] = 0x45; // 'E'
  head.writeInt32BE(4 + fields.length, 1);
  return Buffer.concat([head, fields]);
}
