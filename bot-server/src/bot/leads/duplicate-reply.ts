import type { DuplicateLeadError } from '../../domain/leads/duplicates.js';

/** The bot's answer to a lead already recorded: which one, and where it is now. */
export function duplicateReply({ message, lead }: DuplicateLeadError): string {
  const where =
    lead.status === 'claimed'
      ? `由 ${lead.owner?.name ?? '同事'} 跟进中`
      : lead.status === 'converted'
        ? '已转为客户'
        : lead.team
          ? `在「${lead.team.name}」等待认领`
          : '在公海等待认领';
  return `${message}，${where}。这次没有重复登记。`;
}
