import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export interface GatewaySocket {
  ticket: string;
  socket: WebSocket;
  /** Upstream frames (ACKs) the client sent on this socket, parsed. */
  received: Array<{ code: number; headers: Record<string, string>; message: string; data: string }>;
  closed: boolean;
}

/**
 * A local stand-in for DingTalk's Stream gateway (reference §2.6): `POST
 * /v1.0/gateway/connections/open` hands out single-use tickets, and `/connect?ticket=…` accepts
 * the WebSocket. `openStatus` lets a test make the registration fail.
 */
export async function startFakeGateway() {
  const registrations: Array<{ headers: IncomingHttpHeaders; body: Record<string, unknown> }> = [];
  const sockets: GatewaySocket[] = [];
  const issued = new Set<string>();
  const state = { openStatus: 200 };
  const http = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method !== 'POST' || req.url !== '/v1.0/gateway/connections/open') {
      res.statusCode = 404;
      res.end();
      return;
    }
    registrations.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
    res.setHeader('content-type', 'application/json');
    if (state.openStatus !== 200) {
      res.statusCode = state.openStatus;
      res.end(JSON.stringify({ code: 'system.busy', message: 'try later' }));
      return;
    }
    const ticket = `tkt-${registrations.length}`;
    issued.add(ticket);
    res.end(JSON.stringify({ endpoint: `ws://127.0.0.1:${port()}/connect`, ticket }));
  });
  const wss = new WebSocketServer({ noServer: true });
  http.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const ticket = url.searchParams.get('ticket') ?? '';
    // Tickets are single use, as on the real gateway.
    if (url.pathname !== '/connect' || !issued.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const entry: GatewaySocket = { ticket, socket: ws, received: [], closed: false };
      ws.on('message', (data) => entry.received.push(JSON.parse(String(data))));
      ws.on('close', () => {
        entry.closed = true;
      });
      sockets.push(entry);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = () => (http.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port()}`,
    registrations,
    sockets,
    state,
    open: () => sockets.filter((s) => !s.closed),
    close: async () => {
      for (const s of sockets) s.socket.terminate();
      wss.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

export async function waitUntil<T>(
  check: () => T | undefined | false,
  ms = 5_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
