import type { EntityManager } from '@mikro-orm/postgresql';
import { CustomerSchema } from '../entities/customer.js';
import { OpportunitySchema, PipelineStageSchema, StageChangeSchema } from '../entities/opportunity.js';
import { SalesTargetSchema } from '../entities/sales-target.js';
import { companySuffixes } from './customer-data.js';
import { SeededRandom } from './random.js';

// The demo pipeline: deals on every fourth demo customer, spread over the stages (some won or lost
// this month), and monthly targets for this month and the last one for every rep with customers and
// every team they are in. A random of its own keeps the rest of the demo data as it was.

const day = 86_400_000;
// {year}: the year the deal is expected to close. No spaces: a deal's name is one word in 推进 <商机> <阶段>.
const dealWords = ['{year}年度采购', '系统升级', '设备更新', '{year}框架协议', '二期项目', '维保续约'];
const longestFirst = [...companySuffixes].sort((a, b) => b.length - a.length);

/** 保定润泽物流有限公司 + 年度采购 → 保定润泽物流2026年度采购: the name as people say it, never cut mid-word. */
function dealName(customerName: string, word: string, closeDate: string): string {
  const suffix = longestFirst.find((s) => customerName.endsWith(s) && customerName.length > s.length);
  const short = suffix ? customerName.slice(0, -suffix.length) : customerName;
  return `${short}${word.replace('{year}', closeDate.slice(0, 4))}`;
}

/** `YYYY-MM` in Asia/Shanghai, the demo's display time zone. */
const monthOf = (at: Date) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(at).slice(0, 7);

export async function createSalesData(em: EntityManager, now: Date): Promise<number> {
  const random = new SeededRandom(20261205);
  const stages = await em.find(PipelineStageSchema, { active: true }, { orderBy: { position: 'asc' } });
  const open = stages.filter((s) => s.outcome === 'open');
  const won = stages.find((s) => s.outcome === 'won');
  const lost = stages.find((s) => s.outcome === 'lost');
  const customers = await em.find(
    CustomerSchema,
    { owner: { $ne: null } },
    { populate: ['owner'], orderBy: { id: 'asc' } },
  );
  let deals = 0;
  // Demo deals stay within their stage's stalled limit, except the first one past it, so the demo
  // shows one stalled-deal alert and not a flood of them. The drawn value is kept either way, so
  // the rest of the demo data does not change with the limits.
  let stalledShown = false;
  const quietDays = (drawn: number, limit: number | null | undefined): number => {
    if (limit == null) return drawn;
    if (stalledShown) return Math.min(drawn, limit - 1);
    stalledShown = true;
    return limit + 6;
  };
  customers.forEach((customer, i) => {
    if (i % 4 !== 0 || open.length === 0) return;
    const roll = random.int(0, 9);
    const stage = roll === 0 && won ? won : roll === 1 && lost ? lost : random.pick(open);
    const changedAt = new Date(now.getTime() - quietDays(random.int(1, 25), stage.stalledAfterDays) * day);
    // Drawn in the order they always were, so the rest of the demo data stays as it was.
    const word = random.pick(dealWords);
    const amountCents = random.int(5, 200) * 10_000_00;
    const expectedCloseDate = new Date(now.getTime() + random.int(7, 90) * day).toISOString().slice(0, 10);
    const deal = em.create(OpportunitySchema, {
      name: dealName(customer.name, word, expectedCloseDate),
      customer,
      owner: customer.owner,
      stage,
      amountCents,
      expectedCloseDate,
      status: stage.outcome,
      lostReason: stage.outcome === 'lost' ? '预算不足' : null,
      closedAt: stage.outcome === 'open' ? null : changedAt,
      stageChangedAt: changedAt,
    });
    em.create(StageChangeSchema, { opportunity: deal, toStage: stage, by: customer.owner, at: changedAt });
    deals++;
  });
  const months = [monthOf(now), monthOf(new Date(now.getTime() - 31 * day))];
  const reps = new Map(customers.flatMap((c) => (c.owner ? [[c.owner.id, c.owner] as const] : [])));
  const teams = new Set([...reps.values()].flatMap((u) => (u.department ? [u.department.id] : [])));
  for (const month of months) {
    for (const rep of reps.values())
      em.create(SalesTargetSchema, { user: rep, month, amountCents: random.int(50, 150) * 10_000_00 });
    for (const team of teams)
      em.create(SalesTargetSchema, {
        department: team,
        month,
        amountCents: random.int(300, 600) * 10_000_00,
      });
  }
  await em.flush();
  return deals;
}
