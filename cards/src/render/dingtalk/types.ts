/**
 * The variables of the general template `cards/dingtalk/templates/kelian-general.json`.
 * Every value is a string, as the card API requires; lists are JSON arrays in a string.
 */
export interface KelianCardParamMap {
  kind: string;
  /** Chat-list summary of the card. */
  last_message: string;
  source: string;
  title: string;
  subtitle: string;
  badge: string;
  /** Hex colour of the badge and status line, from the status tone. */
  status_color: string;
  status_text: string;
  has_emphasis: 'true' | 'false';
  emphasis_value: string;
  emphasis_label: string;
  /** JSON `DingTalkField[]`. */
  fields: string;
  has_buttons: 'true' | 'false';
  /** JSON `DingTalkButton[]`. */
  buttons: string;
  link_url: string;
  footer: string;
  /** A text input above the buttons whose text the request buttons send back as `params.reason`. */
  has_input: 'true' | 'false';
  input_placeholder: string;
}

export interface DingTalkField {
  label: string;
  value: string;
}

/**
 * One button of the template's loop. `request` buttons send `{ action }` back in the callback's
 * `cardPrivateData.params`; `url` buttons open the link. `confirm` shows DingTalk's dialog first.
 */
export type DingTalkButton = {
  id: string;
  text: string;
  color: 'blue' | 'gray' | 'red';
  status: 'normal' | 'disabled';
} & ({ type: 'request'; action: string; confirm: boolean } | { type: 'url'; url: string });

/** The part of `POST /v1.0/card/instances/createAndDeliver` that depends on the card. */
export interface DingTalkCardCreate {
  cardTemplateId: string;
  outTrackId: string;
  cardData: { cardParamMap: KelianCardParamMap };
}

/** The body of `PUT /v1.0/card/instances`: patch the shared data, which every viewer sees. */
export interface DingTalkCardUpdate {
  outTrackId: string;
  cardData: { cardParamMap: KelianCardParamMap };
  cardUpdateOptions: { updateCardDataByKey: true };
}
