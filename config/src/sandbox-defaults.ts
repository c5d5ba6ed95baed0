// The sandbox corp's own credentials. In sandbox mode every WeCom and DingTalk key defaults to
// these, so the server and its stand-in platforms agree without any configuration; a key set
// explicitly still wins (tests use that to bring their own token and AES key).
export const sandboxWeCom = {
  corpId: 'wwkeliansandbox001',
  agentId: '1000002',
  secret: 'kelian-sandbox-wecom-secret-0000000000000',
  token: 'KelianSandboxWeComToken',
  encodingAesKey: 'S4ndb0xWeC0mAesKeyK3l14nS4ndb0xWeC0mAesKey1',
} as const;

export const sandboxDingTalk = {
  clientId: 'dingkeliansandbox01',
  clientSecret: 'kelian-sandbox-dingtalk-secret-000000000000000000',
  corpId: 'dingkeliansandboxcorp',
  agentId: '3000001',
  token: 'KelianSandboxDingTalkToken',
  aesKey: 'S4ndb0xD1ngT4lkAesKeyK3l14nS4ndb0xD1ngT4lk1',
  cardTemplateId: 'kelian-general.schema',
} as const;

/** The lead webhook's signing key in sandbox mode (README: posting a lead from a web form). */
export const sandboxLeadWebhookSecret = 'kelian-sandbox-lead-webhook-secret';
