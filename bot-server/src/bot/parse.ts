import type { Command } from './command.js';

// Group messages arrive with the bot's @mention in front; full-width spaces are common in Chinese
// input. Both are normalised before the command word is looked up.
export function parseCommand(
  text: string,
  commands: Command[],
): { command: Command; args: string } | undefined {
  const cleaned = text
    .replace(/\u3000/g, ' ')
    .replace(/^(@\S+\s+)+/, '')
    .trim();
  const [word = '', ...rest] = cleaned.split(/\s+/);
  const lower = word.toLowerCase();
  const command = commands.find((c) => c.name === word || c.aliases.includes(lower));
  return command ? { command, args: rest.join(' ') } : undefined;
}
