import { type Acting, actingAs } from '../../domain/access/acting.js';
import { NotPermittedError, NotVisibleError } from '../../domain/access/errors.js';
import { addFollowUp } from '../../domain/customers/follow-ups.js';
import { resolveCustomer } from '../../domain/customers/resolve.js';
import { followUpKindLabels } from '../../domain/customers/timeline/follow-ups.js';
import { defaultFollowUpKind } from '../../domain/followups/kind-words.js';
import { listTasks } from '../../domain/followups/list.js';
import { localDateTimeLabel } from '../../domain/followups/local-time.js';
import { parseNaturalTime } from '../../domain/followups/natural-time.js';
import { taskLines } from '../../domain/followups/task-text.js';
import { completeTask, postponeTask } from '../../domain/followups/tasks.js';
import type { BotFeature } from '../../modules/contract.js';
import type { ActionContext } from '../bot.js';
import { customerChoices, noCustomer } from '../customer-choices.js';
import { followUpUsage, parseFollowUp } from './parse-follow-up.js';

/** 跟进 and 待办, and the 完成 / 推迟1天 buttons of task cards. */
export function followUpsFeature(timeZone: string): BotFeature {
  return ({ bot, notifier }) => {
    const actingOf = async (
      ctx: { em: ActionContext['em']; user: ActionContext['user'] },
      via: Acting['via'],
    ): Promise<Acting> => actingAs(ctx.em, ctx.user, via);

    bot.command({
      name: '跟进',
      aliases: ['gj', 'followup'],
      usage: '跟进 <客户> <内容> [下次 <时间>]',
      description: '记录一次跟进；写上「下次 时间」会在那时提醒你',
      async run({ em, user, args }) {
        const parsed = parseFollowUp(args);
        if (typeof parsed === 'string') return { kind: 'text', text: parsed };
        const now = new Date();
        const nextAt = parsed.next === undefined ? undefined : parseNaturalTime(parsed.next, now, timeZone);
        if (parsed.next !== undefined && (!nextAt || nextAt <= now))
          return {
            kind: 'text',
            text: `看不懂时间「${parsed.next}」。可以写 明天、3天后、下周一、12月20日 下午3点。${followUpUsage}`,
          };
        const acting = await actingOf({ em, user }, 'bot');
        const match = await resolveCustomer(em, acting.access, parsed.customer, 'change');
        if (match.kind === 'none') return noCustomer(parsed.customer);
        if (match.kind === 'many')
          return customerChoices(
            match.customers,
            (name) => `跟进 ${name} ${parsed.content}${parsed.next ? ` 下次 ${parsed.next}` : ''}`,
          );
        const kind = parsed.kind ?? defaultFollowUpKind;
        await addFollowUp(em, acting, match.customer.id, {
          kind,
          content: parsed.content,
          ...(nextAt ? { nextAt, nextStep: `回访 ${match.customer.name}` } : {}),
        });
        const next = nextAt ? `，${localDateTimeLabel(nextAt, timeZone)} 会提醒你回访` : '';
        // Nothing named the kind: say what was recorded, and how to name it next time.
        const unnamed = parsed.kind
          ? ''
          : `内容里没写跟进方式，已按${followUpKindLabels[kind]}记录；若是微信、拜访、邮件或会议，写进内容即可，例如：跟进 ${match.customer.name} 微信发了报价`;
        return {
          kind: 'text',
          text: `已记录对「${match.customer.name}」的${followUpKindLabels[kind]}跟进${next}。${unnamed}`,
        };
      },
    });

    bot.command({
      name: '待办',
      aliases: ['todo', '任务'],
      usage: '待办',
      description: '查看今天要做的事（含已逾期）',
      async run({ em, user }) {
        const { tasks } = await listTasks(
          em,
          await actingOf({ em, user }, 'bot'),
          { view: 'today', limit: 20 },
          timeZone,
        );
        if (tasks.length === 0) return { kind: 'text', text: '今天没有待办，做得好！' };
        const lines = taskLines(tasks, new Date(), timeZone);
        return { kind: 'text', text: `今天的待办（${tasks.length} 项，含已逾期）：\n${lines}` };
      },
    });

    // Only the assignee may act on a task card (it was sent to them alone): anyone else's click, a
    // forged one or a manager's, finds no such task and changes nothing.
    const onTask =
      (act: (ctx: ActionContext, acting: Acting, id: number) => Promise<string>) =>
      async (ctx: ActionContext) => {
        try {
          await ctx.reply({
            kind: 'text',
            text: await act(ctx, await actingOf(ctx, 'card'), Number(ctx.action.id)),
          });
        } catch (error) {
          if (error instanceof NotVisibleError)
            await ctx.reply({ kind: 'text', text: '这个待办不存在，或不是你的待办。' });
          else if (error instanceof NotPermittedError)
            await ctx.reply({ kind: 'text', text: `${error.reason}。` });
          else throw error;
        }
      };
    bot.action(
      'task.complete',
      onTask(async ({ em }, acting, id) => {
        const task = await completeTask(em, acting, id, notifier, 'assignee');
        return `已完成「${task.title}」。`;
      }),
    );
    bot.action(
      'task.postpone',
      onTask(async ({ em, action }, acting, id) => {
        const days = Number(/^(\d+)d$/.exec(action.arg ?? '1d')?.[1] ?? 1);
        const task = await postponeTask(em, acting, id, days, notifier, 'assignee');
        return `已推迟「${task.title}」到 ${localDateTimeLabel(task.dueAt, timeZone)}，到时再提醒你。`;
      }),
    );
  };
}
