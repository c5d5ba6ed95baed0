import type { EntityManager } from '@mikro-orm/postgresql';
import type { Messenger } from '../../domain/notify/messenger.js';
import type { PlatformName, PlatformResolver } from '../../platforms/common.js';
import { platformAudience } from '../cards/audience.js';
import type { Outbox } from '../delivery/outbox.js';

const platformNames: PlatformName[] = ['wecom', 'dingtalk'];

/** The domain's Messenger: a text in each person's direct chat, on every configured platform. */
export class OutboxMessenger implements Messenger {
  constructor(
    private readonly outbox: Outbox,
    private readonly platforms: PlatformResolver,
  ) {}

  async tell(em: EntityManager, userIds: number[], text: string): Promise<void> {
    for (const platform of platformNames) {
      if (!this.platforms(platform)) continue;
      const audience = await platformAudience(em, platform, { kind: 'users', userIds });
      if (audience)
        await this.outbox.enqueue(em, { platform, audience, message: { kind: 'text', text }, lane: 'bulk' });
    }
  }
}
