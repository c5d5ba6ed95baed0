// A platform in trouble while lead cards go out: its cards wait and arrive once each when it is
// back, the other platform's cards are not held back nor sent twice, and every card can still be
// updated afterwards. A platform too slow to answer in time (the card delivered, Kelian not told)
// is the hardest case: the resend under the same card id is refused as a duplicate, and recorded as
// the delivery it was.
import { describe, expect, test } from 'vitest';
import type { ChatMessage } from '../../src/sandbox/index.js';
import type { SwitchSpec } from '../../src/sandbox/state/switches.js';
import { useTestServer } from '../support/fixture.js';
import { armedSwitches, armSwitch, sandboxOf } from '../support/sandbox.js';
import { waitFor } from '../support/wait.js';
import { droppedOf, type FormLead, formLeads, leadShown, northTeam, outgoing, postLead } from './support.js';

const t = useTestServer();

const arm = (spec: SwitchSpec) => armSwitch(t.server, spec);
const armed = () => armedSwitches(t.server);

const dingtalkShown = (m: ChatMessage) =>
  Object.values(sandboxOf(t.server).state.dingtalk.cards.views(m.cardId ?? ''))[0]?.params;

/** Each lead's cards: the WeCom ones in `member`'s chat, the DingTalk ones in the team group. */
function delivered(leads: readonly FormLead[]) {
  const team = northTeam(t.server);
  const wecom = (member: string) =>
    outgoing(t.server, 'wecom').filter(
      (m) => m.type === 'template_card' && m.viewers.includes(member) && leadShown(m, leads),
    );
  const group = outgoing(t.server, 'dingtalk').filter(
    (m) => m.chat === team.group && leadShown(m, leads, dingtalkShown(m)),
  );
  const count = (messages: ChatMessage[], show: (m: ChatMessage) => unknown) =>
    Object.fromEntries(
      leads.map((l) => [l.company, messages.filter((m) => leadShown(m, [l], show(m))).length]),
    );
  return {
    wecom: Object.fromEntries(team.wecom.map((member) => [member, count(wecom(member), (m) => m.content)])),
    dingtalk: count(group, dingtalkShown),
    dingtalkCard: (lead: FormLead) => group.find((m) => leadShown(m, [lead], dingtalkShown(m)))?.cardId,
  };
}

/** Every card of `leads` once for every member on WeCom and once in the DingTalk group. */
function onceEverywhere(leads: readonly FormLead[]) {
  const once = Object.fromEntries(leads.map((l) => [l.company, 1]));
  return {
    wecom: Object.fromEntries(northTeam(t.server).wecom.map((member) => [member, once])),
    dingtalk: once,
  };
}

/** Waits until every card of `leads` has arrived everywhere, then until nothing more is on its way. */
async function allArrived(leads: readonly FormLead[], ms: number) {
  const complete = () => {
    const { wecom, dingtalk } = delivered(leads);
    return [...Object.values(wecom).flatMap(Object.values), ...Object.values(dingtalk)].every((n) => n >= 1);
  };
  await waitFor(async () => (complete() ? true : undefined), ms, 'every card on both platforms');
  await waitFor(
    async () => {
      const { rows } = await t.db.query<{ n: number }>(
        `select count(*)::int as n from outbound_message where state in ('pending', 'sending')`,
      );
      return rows[0]!.n === 0 ? true : undefined;
    },
    30_000,
    'every outbound message sent',
  );
  const { wecom, dingtalk } = delivered(leads);
  return { wecom, dingtalk };
}

/**
 * A member of the team group claims `lead` on DingTalk, and what each person then sees of the lead:
 * every DingTalk copy, and each WeCom member's cards of that lead (an original copy is updated in
 * place; one WeCom will not let Kelian update is followed by a replacement card).
 */
async function claimOnDingTalk(lead: FormLead, leadId: number) {
  const { dingtalkCard } = delivered([lead]);
  const dingtalkId = dingtalkCard(lead)!;
  const { state, actions } = sandboxOf(t.server);
  const name = state.org.personByDingTalk('0100104')!.name;
  const claimed = `已被 ${name} 认领`;
  const clicked = Date.now();
  await actions.clickDingTalkCard({
    user: '0100104',
    outTrackId: dingtalkId,
    action: `lead.claim:${leadId}`,
  });
  const team = northTeam(t.server);
  const seen = () => ({
    dingtalk: Object.values(state.dingtalk.cards.views(dingtalkId)).filter((v) =>
      JSON.stringify(v.params).includes(claimed),
    ).length,
    wecom: Object.fromEntries(
      team.wecom.map((member) => [
        member,
        outgoing(t.server, 'wecom')
          .filter((m) => m.type === 'template_card' && m.viewers.includes(member) && leadShown(m, [lead]))
          .map((m) => {
            const shown = JSON.stringify(state.wecom.cards.views(m.cardId!)[member]?.card);
            return shown.includes(claimed)
              ? shown.includes('之前的卡片不再有效')
                ? 'replacement'
                : 'updated'
              : 'open';
          }),
      ]),
    ),
  });
  return waitFor(
    async () => {
      const now = seen();
      const done =
        now.dingtalk === team.groupMembers.length &&
        Object.values(now.wecom).every((cards) => cards.at(-1) !== 'open');
      return done || Date.now() - clicked > 20_000 ? { ...now, name } : undefined;
    },
    30_000,
    'the claim to show',
  );
}

/** Every DingTalk group member and every WeCom member sees the claim on their one card of the lead. */
function updatedInPlace(name: string) {
  const team = northTeam(t.server);
  return {
    dingtalk: team.groupMembers.length,
    wecom: Object.fromEntries(team.wecom.map((m) => [m, ['updated']])),
    name,
  };
}

describe('a platform outage while lead cards go out', () => {
  test('DingTalk busy for 20 card calls: the WeCom copies arrive at once and once, the DingTalk cards once each after the outage, and stay updatable', {
    timeout: 150_000,
  }, async () => {
    const leads = formLeads('钉钉故障', 3);
    // More failures than the DingTalk client retries within one send (1 + 4): every card's first
    // delivery attempt fails and is retried by the delivery queue.
    await arm({
      platform: 'dingtalk',
      api: 'v1.0/card/instances/createAndDeliver',
      times: 20,
      failure: 'busy',
    });
    const ids = await Promise.all(leads.map((lead) => postLead(t.server, lead)));

    // WeCom is not held back by DingTalk's trouble.
    await waitFor(
      async () =>
        Object.values(delivered(leads).wecom).every((c) => Object.values(c).every((n) => n >= 1))
          ? true
          : undefined,
      20_000,
      'the WeCom copies',
    );
    expect(delivered(leads).dingtalk, 'DingTalk cards while DingTalk is down').toEqual(
      Object.fromEntries(leads.map((l) => [l.company, 0])),
    );

    expect(await allArrived(leads, 90_000)).toEqual(onceEverywhere(leads));
    expect(await armed(), 'the outage used up').toEqual([]);
    expect(droppedOf(outgoing(t.server, 'wecom'))).toEqual([]);

    const claim = await claimOnDingTalk(leads[1]!, ids[1]!);
    expect(
      claim,
      'after the claim: DingTalk copies showing it, each WeCom member’s cards of the lead',
    ).toEqual(updatedInPlace(claim.name));
  });

  test('WeCom answering -1 (system busy) to 10 sends: every card arrives once on each platform', {
    timeout: 150_000,
  }, async () => {
    const leads = formLeads('企微故障', 3);
    // The WeCom client tries a send four times: at least one card's attempt fails whole and is retried.
    await arm({ platform: 'wecom', api: 'message/send', times: 10, errcode: -1 });
    const ids = await Promise.all(leads.map((lead) => postLead(t.server, lead)));
    expect(await allArrived(leads, 90_000)).toEqual(onceEverywhere(leads));
    expect(await armed(), 'the outage used up').toEqual([]);
    expect(droppedOf(outgoing(t.server, 'wecom'))).toEqual([]);
    const claim = await claimOnDingTalk(leads[2]!, ids[2]!);
    expect(
      claim,
      'after the claim: DingTalk copies showing it, each WeCom member’s cards of the lead',
    ).toEqual(updatedInPlace(claim.name));
  });

  test('both platforms too slow to answer in time (the card shown, Kelian not told): each card is shown once; a claim updates the DingTalk copies in place and replaces the WeCom ones', {
    timeout: 150_000,
  }, async () => {
    const leads = formLeads('超时', 1);
    // Longer than the clients wait (10 s): the platform shows the card after Kelian has given up.
    await arm({ platform: 'wecom', api: 'message/send', times: 1, latencyMs: 11_000 });
    await arm({
      platform: 'dingtalk',
      api: 'v1.0/card/instances/createAndDeliver',
      times: 1,
      latencyMs: 11_000,
    });
    const [id] = await Promise.all(leads.map((lead) => postLead(t.server, lead)));
    expect(await allArrived(leads, 90_000)).toEqual(onceEverywhere(leads));
    expect(droppedOf(outgoing(t.server, 'wecom'))).toEqual([]);
    // WeCom gives the one-time code that lets Kelian update a card in its answer to the send, and that
    // answer was lost: the copies cannot be updated in place, so each member gets a replacement card
    // saying the earlier one is void. DingTalk updates by the card's own id: in place.
    const claim = await claimOnDingTalk(leads[0]!, id!);
    const team = northTeam(t.server);
    expect(
      claim,
      'after the claim: DingTalk copies showing it, each WeCom member’s cards of the lead',
    ).toEqual({
      dingtalk: team.groupMembers.length,
      wecom: Object.fromEntries(team.wecom.map((m) => [m, ['open', 'replacement']])),
      name: claim.name,
    });
  });
});
