import type { Command } from '../command.js';

/** 帮助: lists every command with how to write it; generated from the registry so it never lies. */
export function helpCommand(all: () => readonly Command[]): Command {
  return {
    name: '帮助',
    aliases: ['help', '?', '？'],
    usage: '帮助',
    description: '查看客联机器人能做什么',
    async run({ user }) {
      const lines = all().map(
        (c) =>
          `- **${c.usage}**：${c.description}${c.aliases.length > 0 ? `（也可以发：${c.aliases.join('、')}）` : ''}`,
      );
      return {
        kind: 'markdown',
        title: '客联使用帮助',
        markdown: [`${user.name}，你好！我是客联 CRM 助手，可以这样使用：`, '', ...lines].join('\n'),
      };
    },
  };
}
