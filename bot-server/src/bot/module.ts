import type { JobModule } from '../jobs/index.js';
import { allCommands } from './commands/index.js';
import { type Delivery, deliver, deliverJob, Outbox, type PlatformResolver } from './delivery.js';
import { createDispatcher } from './dispatcher.js';
import { handleEventJob, Inbox } from './inbox.js';

/** The bot's background work: handle stored events, deliver outbound messages. */
export function botModule(platforms: PlatformResolver): JobModule {
  return ({ queue, orm }) => {
    const inbox = new Inbox(orm, queue);
    const dispatch = createDispatcher(allCommands(), new Outbox(queue));
    queue.define<{ id: number }>({
      name: handleEventJob,
      handler: ({ id }) => inbox.process(id, dispatch),
    });
    queue.define<Delivery>({
      name: deliverJob,
      retryLimit: 8,
      handler: (delivery) => deliver(platforms, delivery),
    });
  };
}
