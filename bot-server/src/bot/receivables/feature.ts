import { type Acting, actingAs } from '../../domain/access/acting.js';
import { RefusedError } from '../../domain/access/errors.js';
import { localDate } from '../../domain/followups/local-time.js';
import { confirmPaid, defaultDeferDays, deferInstalment } from '../../domain/receivables/owner-actions.js';
import type { BotFeature } from '../../modules/contract.js';
import type { ActionContext } from '../bot.js';
import { OutboxMessenger } from '../followups/messenger.js';

/** The 已回款 / 延期 buttons of receivable reminders: each writes the record and tells finance. */
export function receivableActions(timeZone: string): BotFeature {
  return ({ bot, notifier, outbox, platforms }) => {
    const messenger = new OutboxMessenger(outbox, platforms.get);
    const deps = { notifier, messenger };
    const onInstalment =
      (act: (ctx: ActionContext, acting: Acting, id: number) => Promise<string>) =>
      async (ctx: ActionContext) => {
        try {
          const acting = await actingAs(ctx.em, ctx.user, 'card');
          await ctx.reply({ kind: 'text', text: await act(ctx, acting, Number(ctx.action.id)) });
        } catch (error) {
          if (!(error instanceof RefusedError)) throw error;
          await ctx.reply({ kind: 'text', text: `${error.reason}。` });
        }
      };
    bot.action(
      'receivable.paid',
      onInstalment(async ({ em }, acting, id) => {
        const { told } = await confirmPaid(em, acting, id, localDate(new Date(), timeZone), deps);
        return `${told.replace(/，请核对到账。$/, '')}，已通知财务。`;
      }),
    );
    bot.action(
      'receivable.defer',
      onInstalment(async ({ em, action }, acting, id) => {
        const days = Number(/^(\d+)d$/.exec(action.arg ?? '')?.[1] ?? defaultDeferDays);
        const { told } = await deferInstalment(em, acting, id, days, deps);
        return `${told.replace(/。$/, '')}，已通知财务，新的回款日前会再提醒你。`;
      }),
    );
  };
}
