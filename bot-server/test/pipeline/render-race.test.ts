// A card rendered before a change but recorded after that change's refresh has run: the refresh
// found no copy to update, so without more the team would keep a card showing the old state (a
// lead still 待认领 after 张伟 took it). Sends are slowed so that the claim and its refresh fall
// inside the send; every copy must still end up showing the lead as taken.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Crm, startCrm } from '../api/customers-support.js';
import { sandboxOf, shownEverywhere } from '../support/sandbox.js';
import { waitFor } from '../support/wait.js';
import { formLeads, postLead } from './support.js';

let crm: Crm;
beforeAll(async () => {
  crm = await startCrm();
}, 120_000);
afterAll(() => crm?.stop());

const sendLatencyMs = 5000;

describe('a card whose subject changes while it is being sent', () => {
  test('every copy shows the change once it is recorded, on both platforms', async () => {
    const { state } = sandboxOf(crm.server);
    state.switches.arm({ platform: 'wecom', api: 'message/send', times: 1, latencyMs: sendLatencyMs });
    state.switches.arm({
      platform: 'dingtalk',
      api: 'v1.0/card/instances/createAndDeliver',
      times: 1,
      latencyMs: sendLatencyMs,
    });
    const [lead] = formLeads(randomBytes(2).toString('hex'), 1);
    const id = await postLead(crm.server, lead!);
    // Both cards rendered (with the lead open) and on their way.
    await waitFor(async () => {
      const { rows } = await crm.db.query<{ n: number }>(
        `select count(*)::int as n from outbound_message where subject_type = 'lead' and subject_id = $1
            and state = 'sending'`,
        [id],
      );
      return rows[0]!.n === 2 ? true : undefined;
    });

    const zhang = await crm.as('张伟');
    expect((await zhang.send('POST', `/api/leads/${id}/claim`)).status).toBe(200);
    // The claim's refresh runs a second later, while both sends are still in flight.
    const { rows: recordedEarly } = await crm.db.query(
      `select 1 from card_instance where object_type = 'lead' and object_id = $1`,
      [String(id)],
    );
    expect(recordedEarly).toEqual([]);

    const shown = await waitFor(
      async () => {
        const copies = await shownEverywhere(crm.server, crm.db, 'lead', id);
        return copies.length > 0 && copies.every((c) => c.includes('已被 张伟 认领')) ? copies : undefined;
      },
      sendLatencyMs + 15_000,
      'every copy of the lead card to show 张伟 as its owner',
    );
    // Four WeCom members and the DingTalk team group's members, all on the claimed card.
    expect(shown.length).toBeGreaterThanOrEqual(5);
    expect(shown.filter((c) => c.includes('待认领'))).toEqual([]);
  }, 60_000);
});
