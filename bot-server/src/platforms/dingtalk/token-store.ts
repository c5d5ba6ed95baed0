// The token cache contract is shared by both platforms; see ../token-store.ts.
export type { CachedToken, TokenStore } from '../token-store.js';
