import type { ChatMessage } from '../../src/sandbox/index.js';
import type { RunningServer } from './server.js';
import { waitFor } from './wait.js';

/** The sandbox of a server started in sandbox mode. */
export function sandboxOf(server: RunningServer) {
  if (!server.sandbox) throw new Error('the server was not started in sandbox mode');
  return server.sandbox;
}

/** Waits until Kelian has sent a message matching `match` on `platform`, and returns it. */
export function waitForOutgoing(
  server: RunningServer,
  platform: 'wecom' | 'dingtalk',
  match: (m: ChatMessage) => boolean,
  ms = 15_000,
): Promise<ChatMessage> {
  return waitFor(
    async () =>
      sandboxOf(server)
        .state.messages.list({ platform })
        .find((m) => m.direction === 'out' && match(m)),
    ms,
    `an outgoing ${platform} message`,
  );
}

/** The visible text of a text or markdown message, whatever the platform's payload shape. */
export function textOf(message: ChatMessage): string {
  const c = message.content as { content?: string; text?: string };
  return c.content ?? c.text ?? '';
}
