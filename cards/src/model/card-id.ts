import { CardLimitError } from './limit-error.js';

// WeCom task_id: "只能由数字、字母和“_-@”组成，最长128字节" (doc 90236). DingTalk outTrackId is looser,
// so the stricter rule makes one id valid on both platforms.
const CARD_ID = /^[0-9A-Za-z_\-@]{1,128}$/;

export function assertCardId(id: string): void {
  if (!CARD_ID.test(id)) {
    throw new CardLimitError(
      'id.format',
      `card id "${id}" must be 1–128 characters of digits, letters and _-@ (WeCom task_id rule)`,
    );
  }
}

/**
 * A card id from business ids: `lead-<id>-v<version>`. WeCom task ids are unique per app forever
 * and DingTalk ignores a reused outTrackId, so a card sent afresh needs a new version.
 */
export function cardIdFor(kind: string, entityId: string, version: number): string {
  const safe = (part: string) => part.replace(/[^0-9A-Za-z_\-@]/g, '_');
  const id = `${safe(kind)}-${safe(entityId)}-v${version}`;
  assertCardId(id);
  return id;
}
