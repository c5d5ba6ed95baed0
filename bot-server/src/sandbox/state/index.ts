import { DingTalkState } from '../dingtalk/state.js';
import { WeComState } from '../wecom/state.js';
import { MessageLog } from './messages.js';
import { buildOrg, type Org } from './org.js';
import { FailureSwitches } from './switches.js';

/** Everything the stand-in platforms hold, in memory: a restart starts the sandbox afresh. */
export interface SandboxState {
  org: Org;
  messages: MessageLog;
  switches: FailureSwitches;
  wecom: WeComState;
  dingtalk: DingTalkState;
}

export function createState(now: () => number): SandboxState {
  const org = buildOrg();
  return {
    org,
    messages: new MessageLog(now),
    switches: new FailureSwitches(),
    wecom: new WeComState(now, org),
    dingtalk: new DingTalkState(now, org),
  };
}
