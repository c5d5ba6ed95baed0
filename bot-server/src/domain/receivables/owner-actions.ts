import { formatMoney } from '@kelian/cards';
import { type ReceivableInstalment, ReceivableInstalmentSchema } from '@kelian/orm';
import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { NotPermittedError, RefusedError } from '../access/errors.js';
import { audit } from '../audit/audit.js';
import { addDays } from '../followups/local-time.js';
import type { Messenger } from '../notify/messenger.js';
import type { Notifier } from '../notify/notifier.js';
import { financeUserIds } from './finance.js';
import { writeReceipt } from './receipts.js';
import { openCents } from './rules.js';
import { instalmentFor, mayRecord } from './store.js';

// The two buttons of a receivable reminder (已回款 / 延期), pressed by the contract's owner (or by
// finance): each writes the record and tells finance in the same transaction, so the books never
// miss what a rep said on a card.

/** Days a 延期 moves the due date when the card names none. */
export const defaultDeferDays = 7;
const maxDeferDays = 365;

export interface ReminderAnswer {
  instalment: ReceivableInstalment;
  /** What finance was told (also the rep's confirmation). */
  told: string;
}

const describe = (i: ReceivableInstalment) =>
  `「${i.customer.name}」合同 ${i.contract.number} 第${i.seq}期 ${formatMoney(i.amountCents)}`;

async function answerReminder(
  em: EntityManager,
  acting: Acting,
  id: number,
  act: (tx: EntityManager, instalment: ReceivableInstalment) => Promise<string>,
  messenger: Messenger,
): Promise<ReminderAnswer> {
  return em.transactional(async (tx) => {
    await tx.findOne(ReceivableInstalmentSchema, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const instalment = await instalmentFor(tx, acting.access, id, 'read');
    if (instalment.contract.owner?.id !== acting.user.id && !mayRecord(acting.access, instalment.customer))
      throw new NotPermittedError('receivable-owner-only');
    if (instalment.state === 'cancelled') throw new RefusedError('receivable-cancelled');
    const told = await act(tx, instalment);
    const finance = (await financeUserIds(tx)).filter((u) => u !== acting.user.id);
    if (finance.length > 0) await messenger.tell(tx, finance, told);
    return { instalment, told };
  });
}

/** 已回款: a receipt of what is still open, dated `today`, recorded in the presser's name. */
export function confirmPaid(
  em: EntityManager,
  acting: Acting,
  id: number,
  today: string,
  deps: { notifier: Notifier; messenger: Messenger },
): Promise<ReminderAnswer> {
  return answerReminder(
    em,
    acting,
    id,
    async (tx, instalment) => {
      const open = openCents(instalment);
      if (open === 0) throw new RefusedError('receivable-settled');
      await writeReceipt(
        tx,
        acting,
        instalment,
        {
          amountCents: open,
          receivedOn: today,
          method: 'other',
          note: `${acting.user.name} 在回款提醒中确认已回款`,
        },
        deps.notifier,
      );
      return `${acting.user.name} 确认${describe(instalment)} 已回款，已登记 ${formatMoney(open)}（${today}），请核对到账。`;
    },
    deps.messenger,
  );
}

/** 延期: the due date moves on by `days`; the reminders start again for the new date. */
export function deferInstalment(
  em: EntityManager,
  acting: Acting,
  id: number,
  days: number,
  deps: { notifier: Notifier; messenger: Messenger },
): Promise<ReminderAnswer> {
  if (!Number.isSafeInteger(days) || days < 1 || days > maxDeferDays)
    throw new RefusedError('receivable-defer-invalid', { max: maxDeferDays });
  return answerReminder(
    em,
    acting,
    id,
    async (tx, instalment) => {
      if (openCents(instalment) === 0) throw new RefusedError('receivable-settled');
      const before = instalment.dueDate;
      instalment.dueDate = addDays(before, days);
      instalment.deferrals += 1;
      audit(tx, acting, {
        action: 'update',
        objectType: 'receivable',
        objectId: id,
        changes: { dueDate: { before, after: instalment.dueDate } },
      });
      await tx.flush();
      await deps.notifier.refreshCards(tx, { type: 'receivable', id });
      return `${acting.user.name} 将${describe(instalment)} 的回款日从 ${before} 延期到 ${instalment.dueDate}。`;
    },
    deps.messenger,
  );
}
