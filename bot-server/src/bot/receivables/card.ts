import { buildReceivableCard, type ReceivableCardState } from '@kelian/cards';
import { ReceivableInstalmentSchema } from '@kelian/orm';
import { lastStage, stageWords } from '../../domain/receivables/reminders.js';
import { openCents } from '../../domain/receivables/rules.js';
import type { CardPresenter } from '../cards/presenter.js';

// A receivable reminder goes to the contract's owner alone, who sees the contract's amounts; the
// card shows the instalment as it is now, under the words of the last reminder sent (3天后到期 …).
export const receivableCard: CardPresenter = async (em, id, cardId) => {
  const instalment = await em.findOne(
    ReceivableInstalmentSchema,
    { id },
    { populate: ['contract', 'customer'] },
  );
  if (!instalment) return undefined;
  const open = openCents(instalment);
  const state: ReceivableCardState =
    instalment.state === 'cancelled'
      ? 'cancelled'
      : open === 0
        ? 'paid'
        : instalment.receivedCents > 0
          ? 'partial'
          : 'unpaid';
  const stage = await lastStage(em, id);
  return buildReceivableCard(
    {
      cardId,
      instalmentId: String(id),
      customerId: String(instalment.customer.id),
      customerName: instalment.customer.name,
      contractNo: instalment.contract.number,
      seq: instalment.seq,
      dueDate: instalment.dueDate,
      amountCents: instalment.amountCents,
      openCents: open,
      ...(stage ? { when: stageWords[stage] } : {}),
      state,
    },
    { phone: 'masked', amount: 'visible' },
  );
};
