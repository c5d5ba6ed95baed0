import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface Reply {
  status?: number;
  json?: unknown;
  text?: string;
}

export type Route = (req: Recorded) => Reply | Promise<Reply>;

/**
 * A real HTTP server on 127.0.0.1 standing in for api.dingtalk.com / oapi.dingtalk.com (which
 * tests cannot reach). Routes are keyed "METHOD /path"; every request is recorded.
 */
export async function startFakeServer(routes: Record<string, Route>): Promise<{
  base: string;
  requests: Recorded[];
  calls: (key: string) => Recorded[];
  close: () => Promise<void>;
}> {
  const requests: Recorded[] = [];
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const recorded: Recorded = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: raw ? JSON.parse(raw) : undefined,
    };
    requests.push(recorded);
    const route = routes[`${recorded.method} ${recorded.path}`];
    const reply: Reply = route ? await route(recorded) : { status: 404, json: { code: 'NotFound' } };
    res.statusCode = reply.status ?? 200;
    if (reply.text !== undefined) {
      res.setHeader('content-type', 'text/html');
      res.end(reply.text);
    } else {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(reply.json ?? {}));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    requests,
    calls: (key) => requests.filter((r) => `${r.method} ${r.path}` === key),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
