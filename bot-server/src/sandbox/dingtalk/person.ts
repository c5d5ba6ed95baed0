import { Problem } from '../../http/problem.js';
import type { SandboxContext } from '../context.js';
import { type ClickDingTalkCard, clickDingTalkCard } from './person-card-click.js';
import { type EmitDingTalkEvent, emitDingTalkEvent } from './person-events.js';
import { type SendDingTalkText, sendDingTalkText } from './person-robot-text.js';
import type { StreamGateway } from './stream-gateway.js';

// What a person does in DingTalk, delivered to Kelian the way DingTalk delivers it: a Stream frame
// to the connected client (DINGTALK_MODE=stream) or an HTTP POST to Kelian's routes (http). One
// file per act: person-robot-text.ts, person-card-click.ts, person-events.ts.

export interface DingTalkPersonActions {
  sendDingTalkText: SendDingTalkText;
  clickDingTalkCard: ClickDingTalkCard;
  emitDingTalkEvent: EmitDingTalkEvent;
}

export function dingtalkPersonActions(sb: SandboxContext, gateway: StreamGateway): DingTalkPersonActions {
  const member = (userid: string) => {
    const person = sb.state.org.personByDingTalk(userid);
    if (!person) throw new Problem(404, 'sandbox-user-not-found', '钉钉沙箱中没有这位成员', userid);
    return person;
  };
  return {
    sendDingTalkText: sendDingTalkText(sb, gateway, member),
    clickDingTalkCard: clickDingTalkCard(sb, gateway, member),
    emitDingTalkEvent: emitDingTalkEvent(sb, gateway),
  };
}
