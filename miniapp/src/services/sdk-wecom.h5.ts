import { getCurExternalContact, register } from '@wecom/jssdk';
import { NotInClientError } from './mini';
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

/**
 * The external contact (customer) of the chat the page sits beside: the chat sidebar opened from
 * 聊天工具栏 or a customer's profile. Needs the agentConfig registration above (wecom.md §7).
 */
export async function externalContactOfChat(): Promise<string> {
  try {
    return (await getCurExternalContact()).userId;
  } catch (error) {
    const message = String((error as { errMsg?: string })?.errMsg ?? error);
    if (/without context/.test(message)) {
      throw new NotInClientError('请从与客户的单聊工具栏或客户详情页打开客联侧边栏');
    }
    if (/no permission/.test(message)) {
      throw new Error('企业微信拒绝读取当前客户：应用的签名或客户联系权限有误，请联系管理员');
    }
    throw new Error(`企业微信没有给出当前客户（${message}）`);
  }
}
