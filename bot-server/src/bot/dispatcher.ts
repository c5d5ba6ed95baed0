import type { EntityManager } from '@mikro-orm/postgresql';
import { findUserByPlatformId } from '../domain/org/users.js';
import type { ChatEvent, TextEvent } from '../platforms/common.js';
import type { Command } from './command.js';
import type { Outbox } from './delivery.js';
import { parseCommand } from './parse.js';

/**
 * Turns a stored platform event into the bot's behaviour. Text goes to the commands; events the bot
 * has no handler for stay in the inbox, handled as "nothing to do".
 */
export function createDispatcher(commands: Command[], outbox: Outbox) {
  return async (em: EntityManager, event: ChatEvent): Promise<void> => {
    if (event.kind === 'text') await onText(em, event);
  };

  async function onText(em: EntityManager, event: TextEvent) {
    const user = await findUserByPlatformId(em, event.platform, event.from);
    if (!user) {
      await outbox.reply(em, event, {
        kind: 'text',
        text: '你还没有开通客联账号，请联系管理员在客联中同步通讯录后再试。',
      });
      return;
    }
    const parsed = parseCommand(event.text, commands);
    if (!parsed) {
      const said = event.text.trim().slice(0, 20);
      await outbox.reply(em, event, {
        kind: 'text',
        text: `没有听懂「${said}」。发送「帮助」查看可以使用的命令。`,
      });
      return;
    }
    const answer = await parsed.command.run({ em, user, args: parsed.args });
    await outbox.reply(em, event, answer);
  }
}
