// The `template_card` shapes Kelian emits, as doc 90236 (message/send) and doc 94888
// (update_template_card) define them; fields Kelian never sets are left out.

export interface WeComSource {
  icon_url?: string;
  desc: string;
  /** 0 grey, 1 black, 2 red, 3 green. */
  desc_color: 0 | 1 | 2 | 3;
}

export interface WeComMainTitle {
  title: string;
  desc?: string;
}

export interface WeComHorizontalContent {
  keyname: string;
  value: string;
}

/** Whole-card click: 1 = open `url`. */
export interface WeComCardAction {
  type: 1;
  url: string;
}

export interface WeComJump {
  type: 1;
  title: string;
  url: string;
}

/** `type` 0 (default) calls back with `key`; 1 opens `url`. Style 1–4. */
export type WeComButton =
  | { type?: 0; text: string; style: 1 | 2 | 3 | 4; key: string }
  | { type: 1; text: string; style: 1 | 2 | 3 | 4; url: string };

export interface WeComTextNotice {
  card_type: 'text_notice';
  source: WeComSource;
  main_title: WeComMainTitle;
  emphasis_content?: { title: string; desc: string };
  sub_title_text?: string;
  horizontal_content_list?: WeComHorizontalContent[];
  jump_list?: WeComJump[];
  card_action: WeComCardAction;
}

export interface WeComButtonInteraction {
  card_type: 'button_interaction';
  source: WeComSource;
  main_title: WeComMainTitle;
  /** type 0: no click of its own. */
  quote_area?: { type: 0; title: string; quote_text: string };
  sub_title_text?: string;
  horizontal_content_list?: WeComHorizontalContent[];
  card_action?: WeComCardAction;
  task_id: string;
  /** A drop-down whose choice comes back with the click (SelectedItems). */
  button_selection?: {
    question_key: string;
    title: string;
    option_list: { id: string; text: string }[];
    selected_id: string;
  };
  button_list: WeComButton[];
  /** Update only: every button becomes one grey, unclickable button with this text. */
  replace_text?: string;
}

export interface WeComVoteInteraction {
  card_type: 'vote_interaction';
  source: WeComSource;
  main_title: WeComMainTitle;
  task_id: string;
  checkbox: {
    question_key: string;
    /** 0 single choice. */
    mode: 0;
    option_list: { id: string; text: string; is_checked: boolean }[];
    /** Update only. */
    disable?: boolean;
  };
  submit_button: { text: string; key: string };
  /** Update only: the submit button becomes grey with this text. */
  replace_text?: string;
}

export type WeComTemplateCard = WeComTextNotice | WeComButtonInteraction | WeComVoteInteraction;
