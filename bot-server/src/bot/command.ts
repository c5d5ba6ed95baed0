import type { User } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { OutboundMessage, TextEvent } from '../platforms/common.js';

export interface CommandContext {
  em: EntityManager;
  /** The Kelian user who wrote the command. */
  user: User;
  /** Everything after the command word, trimmed. */
  args: string;
  /** The message the command came in: its platform, sender and conversation (direct or group). */
  event: TextEvent;
}

export interface Command {
  /** The word a user types, Chinese first. */
  name: string;
  aliases: string[];
  /** How to write it, shown in 帮助 and when the command is written wrong. */
  usage: string;
  description: string;
  run(ctx: CommandContext): Promise<OutboundMessage>;
}
