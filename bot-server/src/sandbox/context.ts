import type { Config, DingTalkConfig, WeComConfig } from '@kelian/config';
import { sandboxDingTalk } from '@kelian/config';
import type { Logger } from '../logger.js';
import type { SandboxState } from './state/index.js';

/** What every part of the sandbox works with. */
export interface SandboxContext {
  wecom: WeComConfig;
  dingtalk: DingTalkConfig & { corpId: string; agentId: string; token: string; aesKey: string };
  logger: Logger;
  /** Where Kelian's server answers (its callbacks, and the sandbox's own routes). */
  serverUrl: () => string;
  now: () => number;
  state: SandboxState;
}

export function sandboxSettings(config: Config): Pick<SandboxContext, 'wecom' | 'dingtalk'> {
  // In sandbox mode the config fills both platforms with the sandbox corp's values.
  if (!config.wecom || !config.dingtalk) {
    throw new Error(
      'the sandbox needs both the WeCom and the DingTalk settings (SANDBOX=true provides them)',
    );
  }
  return {
    wecom: config.wecom,
    dingtalk: {
      ...config.dingtalk,
      corpId: config.dingtalk.corpId ?? sandboxDingTalk.corpId,
      agentId: config.dingtalk.agentId ?? sandboxDingTalk.agentId,
      token: config.dingtalk.token ?? sandboxDingTalk.token,
      aesKey: config.dingtalk.aesKey ?? sandboxDingTalk.aesKey,
    },
  };
}
