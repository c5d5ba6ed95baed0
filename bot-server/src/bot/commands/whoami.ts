import { rolesOf } from '../../domain/auth/profile.js';
import { scopeLabels } from '../../domain/roles/vocabulary.js';
import type { Command } from '../command.js';

/** 我: who Kelian thinks you are — name, department, roles and what data each role lets you see. */
export const whoamiCommand: Command = {
  name: '我',
  aliases: ['whoami', '我是谁'],
  usage: '我',
  description: '查看你在客联中的身份、部门和权限范围',
  async run({ em, user }) {
    const roles = await rolesOf(em, user);
    const roleText = roles.length
      ? roles.map((r) => `${r.role.name}（数据范围：${scopeLabels[r.scope]}）`).join('、')
      : '暂无角色，请联系管理员分配';
    return {
      kind: 'text',
      text: `${user.name}${user.title ? ` · ${user.title}` : ''}\n部门：${user.department?.name ?? '未分配'}\n角色：${roleText}`,
    };
  },
};
