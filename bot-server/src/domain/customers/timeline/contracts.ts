import { formatMoney } from '@kelian/cards';
import { type Contract, ContractSchema } from '@kelian/orm';
import { personOf, rowSource } from './source.js';

/** A contract drafted with the customer; its approval's steps are approvals.ts. */
export const contractsSource = rowSource<Contract>({
  name: 'contract',
  entity: ContractSchema,
  column: 'created_at',
  where: ({ customer }) => ({ customer: customer.id, deletedAt: null }),
  populate: ['owner'],
  entry: (contract) => ({
    at: contract.createdAt,
    type: 'contract',
    title: `新建合同「${contract.name}」（${contract.number} · ${formatMoney(contract.amountCents)}）`,
    body: null,
    by: personOf(contract.owner),
  }),
});
