import { DWClient } from 'dingtalk-stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../../src/platforms/common.js';
import { DingTalkStreamReceiver } from '../../../src/platforms/dingtalk/receiver-stream.js';
import { startFakeGateway, waitUntil } from './support/fake-gateway.js';
import { cardFrame, disconnectFrame, pingFrame, robotGroupFrame, userAddFrame } from './support/fixtures.js';
import { captureLogger } from './support/log-capture.js';

type Gateway = Awaited<ReturnType<typeof startFakeGateway>>;

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(onEvent: (e: ChatEvent) => Promise<void> = async () => {}, heartbeatMs = 60_000) {
  const gateway = await startFakeGateway();
  const log = captureLogger();
  const events: ChatEvent[] = [];
  const receiver = new DingTalkStreamReceiver({
    clientId: 'cid',
    clientSecret: 'csec-very-secret',
    endpointBase: gateway.base,
    onEvent: async (e) => {
      await onEvent(e);
      events.push(e);
    },
    logger: log.logger,
    backoff: { initialMs: 40, maxMs: 200 },
    heartbeatMs,
  });
  cleanups.push(gateway.close);
  cleanups.push(() => receiver.stop());
  return { gateway, receiver, events, log };
}

function push(gateway: Gateway, frame: object, socketIndex = -1): void {
  const target = socketIndex < 0 ? gateway.open().at(socketIndex) : gateway.sockets[socketIndex];
  if (!target) throw new Error('no open gateway socket');
  target.socket.send(JSON.stringify(frame));
}

function ackFor(gateway: Gateway, messageId: string) {
  return gateway.sockets.flatMap((s) => s.received).find((a) => a.headers.messageId === messageId);
}

describe('DingTalk Stream receiver with the real dingtalk-stream SDK', () => {
  it('registers at the configured gateway with the three subscriptions and opens the WebSocket with the ticket', async () => {
    const { gateway, receiver } = await setup();
    await receiver.start();
    expect(receiver.connected).toBe(true);
    expect(gateway.registrations).toHaveLength(1);
    const [registration] = gateway.registrations;
    expect(registration?.headers.accept).toBe('application/json');
    expect(registration?.body).toMatchObject({
      clientId: 'cid',
      clientSecret: 'csec-very-secret',
      subscriptions: [
        { type: 'EVENT', topic: '*' },
        { type: 'CALLBACK', topic: '/v1.0/im/bot/messages/get' },
        { type: 'CALLBACK', topic: '/v1.0/card/instances/callback' },
      ],
    });
    expect(gateway.sockets.map((s) => s.ticket)).toEqual(['tkt-1']);
  });

  it('robot message frame → onEvent gets the ChatEvent → ACK with the messageId, only after the hand-over', async () => {
    let release: () => void = () => {};
    const handedOver = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { gateway, receiver, events } = await setup(() => handedOver);
    await receiver.start();
    push(gateway, robotGroupFrame);
    await new Promise((r) => setTimeout(r, 150));
    // The inbox has not taken the event yet: no ACK may have gone out.
    expect(ackFor(gateway, robotGroupFrame.headers.messageId)).toBeUndefined();
    release();
    const ack = await waitUntil(() => ackFor(gateway, robotGroupFrame.headers.messageId), 5_000, 'robot ACK');
    expect(ack).toEqual({
      code: 200,
      headers: { contentType: 'application/json', messageId: '212ca9d7_974_1898c159aa6_1783b' },
      message: 'OK',
      data: '{"response":null}',
    });
    expect(events).toMatchObject([
      {
        kind: 'text',
        text: '测试数据',
        from: '16650***698',
        conversation: { type: 'group', id: 'cidAsXSBLnA==' },
      },
    ]);
  });

  it('card callback frame → card_action event → ACK carrying the by-key card response', async () => {
    const { gateway, receiver, events } = await setup();
    await receiver.start();
    push(gateway, cardFrame);
    const ack = await waitUntil(() => ackFor(gateway, 'xxxx'), 5_000, 'card ACK');
    expect(JSON.parse(ack.data)).toEqual({
      response: { cardUpdateOptions: { updateCardDataByKey: true, updatePrivateDataByKey: true } },
    });
    expect(events).toMatchObject([
      { kind: 'card_action', cardId: 'xxxx', actionKey: 'like', dedupeKey: 'xxxx' },
    ]);
  });

  it('EVENT frame → SUCCESS after hand-over; a failed hand-over answers LATER so DingTalk redelivers', async () => {
    let fail = false;
    const { gateway, receiver, events } = await setup(async () => {
      if (fail) throw new Error('inbox down');
    });
    await receiver.start();
    push(gateway, userAddFrame);
    const ok = await waitUntil(() => ackFor(gateway, userAddFrame.headers.messageId), 5_000, 'event ACK');
    expect(JSON.parse(ok.data)).toEqual({ status: 'SUCCESS', message: 'ok' });
    expect(events).toMatchObject([
      { kind: 'org_change', entity: 'user', change: 'create', id: '015xxxx227' },
    ]);

    fail = true;
    push(gateway, { ...userAddFrame, headers: { ...userAddFrame.headers, messageId: 'evt-2' } });
    const later = await waitUntil(() => ackFor(gateway, 'evt-2'), 5_000, 'LATER ACK');
    expect(JSON.parse(later.data)).toMatchObject({ status: 'LATER' });
  });

  it('a robot message whose hand-over fails is not ACKed (DingTalk redelivers it)', async () => {
    const { gateway, receiver, log } = await setup(async () => {
      throw new Error('inbox down');
    });
    await receiver.start();
    push(gateway, robotGroupFrame);
    await waitUntil(() => log.lines().some((l) => l.includes('hand-over failed')), 5_000, 'failure log');
    await new Promise((r) => setTimeout(r, 100));
    expect(ackFor(gateway, robotGroupFrame.headers.messageId)).toBeUndefined();
  });

  it('answers ping with its opaque, survives an unreadable frame, ACKs an unreadable callback', async () => {
    const { gateway, receiver } = await setup();
    await receiver.start();
    gateway.open()[0]?.socket.send('this is not json');
    push(gateway, {
      ...robotGroupFrame,
      headers: { ...robotGroupFrame.headers, messageId: 'bad-1' },
      data: '{"msgId":',
    });
    push(gateway, pingFrame);
    const pong = await waitUntil(() => ackFor(gateway, pingFrame.headers.messageId), 5_000, 'ping echo');
    expect(JSON.parse(pong.data)).toEqual({ opaque: '123-dsfs' });
    expect(
      await waitUntil(() => ackFor(gateway, 'bad-1'), 5_000, 'ACK of unreadable callback'),
    ).toMatchObject({
      data: '{"response":null}',
    });
    expect(receiver.connected).toBe(true);
  });

  it('reconnects with a fresh ticket when the server drops the connection, and keeps delivering', async () => {
    const { gateway, receiver, events } = await setup();
    await receiver.start();
    gateway.sockets[0]?.socket.terminate();
    await waitUntil(() => gateway.open().length === 1 && gateway.sockets.length === 2, 5_000, 'reconnect');
    expect(gateway.sockets.map((s) => s.ticket)).toEqual(['tkt-1', 'tkt-2']);
    // Each connection registers the same three subscriptions, and leaves the SDK's defaults alone.
    expect(gateway.registrations.map((r) => (r.body.subscriptions as unknown[]).length)).toEqual([3, 3]);
    expect(new DWClient({ clientId: 'other', clientSecret: 'x' }).getConfig().subscriptions).toEqual([
      { type: 'EVENT', topic: '*' },
    ]);
    await waitUntil(() => receiver.connected, 5_000, 'connected flag');
    push(gateway, robotGroupFrame);
    await waitUntil(
      () => ackFor(gateway, robotGroupFrame.headers.messageId),
      5_000,
      'ACK on the new connection',
    );
    expect(gateway.sockets[1]?.received.map((a) => a.headers.messageId)).toContain(
      robotGroupFrame.headers.messageId,
    );
    expect(events).toHaveLength(1);
  });

  it('on a server `disconnect` opens the next connection at once and still ACKs on the old one', async () => {
    let release: () => void = () => {};
    const slow = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { gateway, receiver } = await setup(() => slow);
    await receiver.start();
    push(gateway, robotGroupFrame, 0);
    push(gateway, disconnectFrame, 0);
    await waitUntil(() => gateway.open().length === 2, 5_000, 'second connection while the first drains');
    release();
    const ack = await waitUntil(
      () =>
        gateway.sockets[0]?.received.find((a) => a.headers.messageId === robotGroupFrame.headers.messageId),
      5_000,
      'ACK on the draining socket',
    );
    expect(ack.data).toBe('{"response":null}');
    gateway.sockets[0]?.socket.close();
    await new Promise((r) => setTimeout(r, 300));
    // Closing the drained connection does not start a third one.
    expect(gateway.sockets).toHaveLength(2);
    expect(receiver.connected).toBe(true);
  });

  it('terminates a connection that stops answering pings and opens a new one', async () => {
    const { gateway, receiver, log } = await setup(async () => {}, 50);
    await receiver.start();
    // A half-dead TCP connection: the gateway stops reading, so no pong comes back.
    const first = gateway.sockets[0]?.socket as unknown as { _socket: { pause(): void } } | undefined;
    first?._socket.pause();
    await waitUntil(
      () => gateway.sockets.length === 2 && receiver.connected,
      5_000,
      'replacement connection',
    );
    expect(log.lines().some((l) => l.includes('connection silent'))).toBe(true);
  });

  it('retries with backoff while the gateway refuses, then connects; stop() closes for good', async () => {
    const { gateway, receiver, log } = await setup();
    gateway.state.openStatus = 503;
    await receiver.start();
    expect(receiver.connected).toBe(false);
    await waitUntil(() => gateway.registrations.length >= 3, 5_000, 'repeated registration attempts');
    gateway.state.openStatus = 200;
    await waitUntil(() => receiver.connected, 5_000, 'connected after the gateway recovered');
    const delays = log
      .lines()
      .map((l) => JSON.parse(l))
      .filter((l) => l.msg === 'dingtalk stream reconnecting')
      .map((l) => l.delayMs as number);
    expect(delays.length).toBeGreaterThanOrEqual(2);
    expect(delays.every((d) => d <= 200)).toBe(true);

    await receiver.stop();
    expect(receiver.connected).toBe(false);
    await waitUntil(() => gateway.open().length === 0, 5_000, 'socket closed');
    const registrations = gateway.registrations.length;
    await new Promise((r) => setTimeout(r, 400));
    expect(gateway.registrations.length).toBe(registrations);
    // The secret went to the gateway, never to the log.
    expect(log.lines().join('\n')).not.toContain('csec-very-secret');
  });
});
