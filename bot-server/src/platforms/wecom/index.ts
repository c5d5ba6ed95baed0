// The WeCom platform layer's public surface: what the routes, jobs and boot code import.
export type * from './api-types.js';
export type { UpdateTemplateCard } from './app-messages.js';
export { WeComClient, type WeComClientOptions } from './client.js';
export type { NewCorpTags } from './corp-tags.js';
export { assertFresh, WeComCrypto, type WeComCryptoOptions, wecomSignature } from './crypto.js';
export * from './errors.js';
export { parseWeComEvent } from './events.js';
export { type JsSdkSignature, jsSdkSignature } from './jssdk.js';
export { type AppChatSpec, LIMITS, type Recipients } from './limits.js';
export {
  type RenderWeComCard,
  SEND_RESPONSE_CODE,
  WeComPlatform,
  type WeComPlatformOptions,
} from './platform.js';
export {
  type CallbackQuery,
  DEFAULT_FRESHNESS_WINDOW_MS,
  WeComReceiver,
  type WeComReceiverOptions,
} from './receiver.js';
export type { CachedToken, TokenStore } from './token-store.js';
export { DEFAULT_RETRY, type RetryPolicy } from './transport.js';
