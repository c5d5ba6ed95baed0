import type { ChatEvent } from './common.js';

// ChatEvents cross a JSON boundary (the inbox table, job payloads); their Date fields come back as
// strings and are revived here, in one place.
export function eventToJson(event: ChatEvent): Record<string, unknown> {
  return JSON.parse(JSON.stringify(event)) as Record<string, unknown>;
}

export function eventFromJson(json: Record<string, unknown>): ChatEvent {
  const event = { ...json, occurredAt: new Date(json.occurredAt as string) } as ChatEvent;
  if (event.kind === 'text' && event.reply) {
    event.reply = { ...event.reply, expiresAt: new Date(event.reply.expiresAt as unknown as string) };
  }
  return event;
}
