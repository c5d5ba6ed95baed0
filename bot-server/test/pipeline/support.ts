// Shared by the pipeline tests: what the platforms' clients show, counted the way a person would
// count it (cards in their chat, and whether the platform dropped any).
import { sandboxLeadWebhookSecret } from '@kelian/config';
import { expect } from 'vitest';
import { leadSignature } from '../../src/api/leads/signature.js';
import type { ChatMessage } from '../../src/sandbox/index.js';
import { sandboxOf } from '../support/sandbox.js';
import type { RunningServer } from '../support/server.js';

/** Runs `work` over `items` with at most `parallel` at a time; results in the items' order. */
export async function inParallel<T, R>(items: readonly T[], parallel: number, work: (item: T) => Promise<R>) {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i]!);
      }
    }),
  );
  return results;
}

/** What Kelian sent on `platform`, as the sandbox platform recorded it. */
export const outgoing = (server: RunningServer, platform: 'wecom' | 'dingtalk') =>
  sandboxOf(server)
    .state.messages.list({ platform })
    .filter((m) => m.direction === 'out');

/** Every recipient a platform accepted a message for but did not show it to (WeCom's silent limit). */
export const droppedOf = (messages: ChatMessage[]) =>
  messages.flatMap((m) => m.dropped.map((d) => ({ seq: m.seq, via: m.via, ...d })));

/** A posted web-form lead of the burst: its company names the card a person sees. */
export interface FormLead {
  company: string;
  externalId: string;
}

/** `count` leads for 北京 (routed to 华北销售部), each with its own company and form id. */
export function formLeads(tag: string, count: number): FormLead[] {
  return Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(3, '0');
    return { company: `${tag}${n}号客户有限公司`, externalId: `${tag}-${n}` };
  });
}

/** Posts a lead as a web form does: the exact body bytes, signed with the sandbox secret. */
export async function postLead(server: RunningServer, lead: FormLead): Promise<number> {
  const raw = JSON.stringify({
    company: lead.company,
    contactName: '周一',
    mobile: '13900001234',
    region: '北京',
    source: '官网表单',
    externalId: lead.externalId,
  });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const res = await fetch(`${server.url}/api/leads/inbound`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-kelian-timestamp': timestamp,
      'x-kelian-signature': leadSignature(sandboxLeadWebhookSecret, timestamp, raw),
    },
    body: raw,
  });
  const body = (await res.json()) as { id: number; routedTo?: string };
  expect({ status: res.status, routedTo: body.routedTo }).toEqual({ status: 201, routedTo: '华北销售部' });
  return body.id;
}

/** The lead (by company) a card message shows, if it shows exactly one of `leads`. */
export function leadShown(message: ChatMessage, leads: readonly FormLead[], cardParams?: unknown) {
  const shown = JSON.stringify(cardParams ?? message.content);
  const found = leads.filter((l) => shown.includes(l.company));
  return found.length === 1 ? found[0] : undefined;
}

/** The WeCom member ids and the DingTalk group of 华北销售部 in the sandbox corp. */
export function northTeam(server: RunningServer) {
  const { org } = sandboxOf(server).state;
  const group = org.groups.find((g) => g.name === '华北销售部群')!;
  return {
    wecom: org.peopleUnder('north').map((p) => p.wecom.userid),
    group: group.dingtalk.openConversationId,
    groupMembers: group.members.map((m) => m.dingtalk.userid),
  };
}
