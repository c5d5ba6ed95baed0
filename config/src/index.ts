export {
  type Config,
  ConfigError,
  type DefaultRoleRule,
  type DingTalkConfig,
  type LoadOptions,
  loadConfig,
  type WeComConfig,
} from './config.js';
export { sandboxDingTalk, sandboxLeadWebhookSecret, sandboxWeCom } from './sandbox-defaults.js';
