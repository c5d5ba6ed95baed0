import { register } from '@wecom/jssdk';
import type { WeComRegistration } from './sdk';

// Loaded on demand by sdk.h5.ts inside WeCom only. A static named import, so webpack keeps only
// what register needs (about 20 kB) rather than the whole SDK.

export function registerWeComSdk({
  corpId,
  agentId,
  getConfigSignature,
  getAgentConfigSignature,
}: WeComRegistration): void {
  register({
    corpId,
    agentId,
    // The chat sidebar (sales-core issue) reads the contact beside the chat; both need agentConfig.
    jsApiList: ['getContext', 'getCurExternalContact'],
    getConfigSignature,
    getAgentConfigSignature,
  });
}
