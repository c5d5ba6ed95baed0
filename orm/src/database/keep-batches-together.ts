import type { PGLiteSocketServer } from '@electric-sql/pglite-socket';

// Works around electric-sql/pglite#1046 (open as of 0.2.17): the socket server queues each
// protocol *message* on its own, so the Parse/Bind/Execute/Sync batches of two connections
// interleave in PGlite's single session. One connection then binds the other's unnamed statement:
// "unnamed prepared statement does not exist", or silently wrong rows. pg-boss and the pg pool use
// such batches on several connections at once, so the embedded database needs this.
//
// The fix holds a connection's extended-protocol messages (Parse, Bind, Describe, Execute, Close)
// until its next other message (Sync or Flush end a batch), then queues them all in one synchronous
// step, so they run back to back.

type Enqueue = (
  handlerId: number,
  message: Uint8Array,
  onData: (data: Uint8Array) => void,
) => Promise<number>;

const batchMessages = new Set(['P', 'B', 'D', 'E', 'C'].map((c) => c.charCodeAt(0)));

export function keepBatchesTogether(server: PGLiteSocketServer): void {
  const queue = (server as unknown as { queryQueue: { enqueue: Enqueue } }).queryQueue;
  const enqueue = queue.enqueue.bind(queue);
  const held = new Map<number, [Uint8Array, (data: Uint8Array) => void][]>();

  queue.enqueue = (handlerId, message, onData) => {
    const type = message[0] ?? 0;
    const pending = held.get(handlerId) ?? [];
    if (batchMessages.has(type)) {
      pending.push([message, onData]);
      held.set(handlerId, pending);
      return Promise.resolve(0);
    }
    held.delete(handlerId);
    // Every enqueue below pushes synchronously, so no other connection's message lands in between.
    for (const [m, respond] of pending) {
      // Their failure surfaces through the batch's last message, which the connection awaits.
      enqueue(handlerId, m, respond).catch(() => undefined);
    }
    return enqueue(handlerId, message, onData);
  };
}
