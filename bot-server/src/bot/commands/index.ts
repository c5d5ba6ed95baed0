import type { Command } from '../command.js';
import { helpCommand } from './help.js';
import { whoamiCommand } from './whoami.js';

/** Every command the bot understands, in the order 帮助 lists them. */
export function allCommands(): Command[] {
  const commands: Command[] = [];
  commands.push(
    helpCommand(() => commands),
    whoamiCommand,
  );
  return commands;
}
