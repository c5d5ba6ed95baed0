// The bare WeCom callback handler bench/callbacks.ts compares Kelian's full path with: a plain Node
// HTTP server that does what no callback handler can skip (read the body, parse the XML envelope,
// check the signature and freshness, AES-decrypt, parse the message) with Kelian's own
// WeComReceiver (crypto.ts, xml.ts, events.ts), and answers an empty 200. No framework, no database.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WeComReceiveError } from '../src/platforms/wecom/errors.js';
import { WeComReceiver } from '../src/platforms/wecom/receiver.js';

export interface BareServer {
  url: string;
  /** Messages received (verified and decrypted). */
  received(): number;
  close(): Promise<void>;
}

export async function startBareServer(wecom: {
  token: string;
  encodingAesKey: string;
  corpId: string;
}): Promise<BareServer> {
  const receiver = new WeComReceiver(wecom);
  let received = 0;
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://bare');
    if (req.method !== 'POST' || url.pathname !== '/wecom/callback') {
      res.writeHead(404).end();
      return;
    }
    try {
      receiver.receive(Object.fromEntries(url.searchParams), Buffer.concat(chunks).toString('utf8'));
      received++;
      res.writeHead(200, { 'content-type': 'text/plain' }).end();
    } catch (error) {
      res.writeHead(error instanceof WeComReceiveError ? error.status : 500).end();
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received: () => received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
