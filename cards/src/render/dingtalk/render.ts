import type { Card } from '../../model/card.js';
import type { RenderOptions } from '../options.js';
import { cardParamMap } from './param-map.js';
import type { DingTalkCardCreate, DingTalkCardUpdate } from './types.js';

export interface DingTalkRenderOptions extends RenderOptions {
  /** The id DingTalk gave the imported general template, e.g. `xxxx.schema`. */
  cardTemplateId: string;
}

/**
 * The card part of `createAndDeliver`; the platform client adds openSpaceId, the space and deliver
 * models and `callbackType`. The card id is the outTrackId, so a card sent afresh needs a new id.
 */
export function renderDingTalk(card: Card, opts: DingTalkRenderOptions): DingTalkCardCreate {
  return {
    cardTemplateId: opts.cardTemplateId,
    outTrackId: card.id,
    cardData: { cardParamMap: cardParamMap(card, opts) },
  };
}

/**
 * The `PUT /v1.0/card/instances` body that shows the new state to every viewer. All variables are
 * sent every time, so patching by key leaves nothing stale from the previous state.
 */
export function renderDingTalkUpdate(card: Card, opts: RenderOptions): DingTalkCardUpdate {
  return {
    outTrackId: card.id,
    cardData: { cardParamMap: cardParamMap(card, opts) },
    cardUpdateOptions: { updateCardDataByKey: true },
  };
}
