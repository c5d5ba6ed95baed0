import type { Contract, ContractStatus } from '@kelian/orm';
import type { z } from 'zod';
import type { contractJson } from './schemas.js';

export const contractStatusLabels: Record<ContractStatus, string> = {
  draft: '草稿',
  pending: '审批中',
  active: '已生效',
  expired: '已到期',
  terminated: '已终止',
};

export const contractJsonOf = (c: Contract): z.infer<typeof contractJson> => ({
  id: c.id,
  number: c.number,
  name: c.name,
  customer: { id: c.customer.id, name: c.customer.name },
  opportunityId: c.opportunity?.id ?? null,
  owner: c.owner ? { id: c.owner.id, name: c.owner.name } : null,
  amountCents: c.amountCents,
  startDate: c.startDate,
  endDate: c.endDate,
  signedDate: c.signedDate ?? null,
  status: c.status,
  statusLabel: contractStatusLabels[c.status as ContractStatus],
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});
