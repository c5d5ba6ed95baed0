// The answer to a card callback: the HTTP response body, or the `response` of a Stream ACK. It
// changes only the clicking user's copy; every other copy is updated afterwards with
// PUT /v1.0/card/instances (DingTalk asks not to call the update API inside the callback).

export interface CardCallbackResponse {
  cardUpdateOptions?: { updateCardDataByKey?: boolean; updatePrivateDataByKey?: boolean };
  cardData?: { cardParamMap: Record<string, string> };
  /** The clicking user's private variables (no user id key: it is implied). */
  userPrivateData?: { cardParamMap: Record<string, string> };
}

/**
 * "Received, nothing to change yet." Patch semantics with no keys: an answer without the by-key
 * options would be a full overwrite of the clicker's copy. The business outcome arrives through
 * the PUT that follows.
 */
export const CARD_CALLBACK_ACCEPTED: CardCallbackResponse = Object.freeze({
  cardUpdateOptions: { updateCardDataByKey: true, updatePrivateDataByKey: true },
});
