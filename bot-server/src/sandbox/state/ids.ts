import { createHash, randomBytes, randomInt } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * An id derived from `seed`: the sandbox corp has the same ids on every start, so bookmarks,
 * tests and the database's demo data keep pointing at the same people and chats.
 */
export function stableId(seed: string, length: number): string {
  let out = '';
  for (let block = 0; out.length < length; block++) {
    for (const byte of createHash('sha256').update(`${seed}#${block}`).digest()) {
      out += ALNUM[byte % ALNUM.length];
    }
  }
  return out.slice(0, length);
}

/** Like stableId, in base64 with `+` and `/`, as DingTalk's conversation and sender ids are. */
export function stableBase64(seed: string, length: number): string {
  return createHash('sha256').update(seed).digest('base64').slice(0, length);
}

export function stableUuid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function randomAlnum(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALNUM[randomInt(ALNUM.length)];
  return out;
}

/** Random base64 with `+` and `/`, as DingTalk's processQueryKeys and sessions are. */
export function randomBase64(length: number): string {
  return randomBytes(Math.ceil((length * 3) / 4))
    .toString('base64')
    .slice(0, length);
}
