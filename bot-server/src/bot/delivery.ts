import type { EntityManager } from '@mikro-orm/postgresql';
import type { JobQueue } from '../jobs/queue.js';
import type {
  Audience,
  ChatEvent,
  ChatPlatform,
  OutboundMessage,
  PlatformName,
} from '../platforms/common.js';

export const deliverJob = 'chat.deliver';

export interface Delivery {
  platform: PlatformName;
  audience: Audience;
  message: OutboundMessage;
}

/** Where an answer to `event` goes: the group it was said in, or the sender's direct chat. */
export function replyAudience(event: ChatEvent & { from: string }): Audience {
  if ('conversation' in event && event.conversation?.type === 'group') {
    return { kind: 'group', conversationId: event.conversation.id };
  }
  return { kind: 'users', userIds: [event.from] };
}

/**
 * Outbound messages are jobs, enqueued in the transaction of the change that causes them: a message
 * goes out if and only if the change committed, and survives a crash or a platform outage (pg-boss
 * retries with backoff).
 */
export class Outbox {
  constructor(private readonly queue: JobQueue) {}

  async enqueue(em: EntityManager, delivery: Delivery): Promise<void> {
    await this.queue.send(deliverJob, delivery, { em });
  }

  reply(em: EntityManager, event: ChatEvent & { from: string }, message: OutboundMessage): Promise<void> {
    return this.enqueue(em, { platform: event.platform, audience: replyAudience(event), message });
  }
}

export type PlatformResolver = (name: PlatformName) => ChatPlatform | undefined;

export async function deliver(platforms: PlatformResolver, delivery: Delivery): Promise<void> {
  const platform = platforms(delivery.platform);
  if (!platform) throw new Error(`Platform ${delivery.platform} is not configured`);
  await platform.send(delivery.audience, delivery.message);
}
