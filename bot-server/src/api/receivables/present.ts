import type { ReceivableInstalment, ReceivableReceipt } from '@kelian/orm';
import type { z } from 'zod';
import { receiptMethodLabels } from '../../domain/receivables/receipts.js';
import { instalmentStatus, instalmentStatusLabels, openCents } from '../../domain/receivables/rules.js';
import type { instalmentJson, receiptJson } from './schemas.js';

export const instalmentJsonOf = (i: ReceivableInstalment, today: string): z.infer<typeof instalmentJson> => {
  const status = instalmentStatus(i, today);
  const owner = i.contract.owner;
  return {
    id: i.id,
    contract: { id: i.contract.id, number: i.contract.number, name: i.contract.name },
    customer: { id: i.customer.id, name: i.customer.name },
    owner: owner ? { id: owner.id, name: owner.name } : null,
    seq: i.seq,
    dueDate: i.dueDate,
    amountCents: i.amountCents,
    receivedCents: i.receivedCents,
    openCents: openCents(i),
    status,
    statusLabel: instalmentStatusLabels[status],
    deferrals: i.deferrals,
  };
};

export const receiptJsonOf = (r: ReceivableReceipt): z.infer<typeof receiptJson> => ({
  id: r.id,
  instalmentId: r.instalment.id,
  seq: r.instalment.seq,
  amountCents: r.amountCents,
  receivedOn: r.receivedOn,
  method: r.method,
  methodLabel: receiptMethodLabels[r.method],
  note: r.note ?? null,
  overpayment: r.overpayment,
  recordedBy: r.recordedBy ? { id: r.recordedBy.id, name: r.recordedBy.name } : null,
  createdAt: r.createdAt.toISOString(),
});
