// Shapes of the WeCom API answers the client returns, as documented (reference §4–§7). Only the
// fields the server reads are typed; WeCom adds fields over time and they pass through untouched.

export interface SendResult {
  msgId: string;
  /** Present for updatable cards: one update_template_card of every copy (single-use, 24 h safe). */
  responseCode?: string;
  invalidUsers: string[];
  invalidParties: string[];
  invalidTags: string[];
  unlicensedUsers: string[];
}

export interface WeComUser {
  userid: string;
  name: string;
  department: number[];
  mobile?: string;
  email?: string;
  position?: string;
  /** 1 active, 2 disabled, 4 not yet activated, 5 left. */
  status?: number;
  /** Per entry of `department`, 1 when the person heads it. */
  is_leader_in_dept?: number[];
  [field: string]: unknown;
}

export interface WeComDepartment {
  id: number;
  name: string;
  parentid: number;
  order?: number;
  [field: string]: unknown;
}

export interface ExternalContactTag {
  group_name?: string;
  tag_name?: string;
  type?: number;
  tag_id?: string;
}

export interface ExternalContact {
  external_userid: string;
  name: string;
  /** 1 WeChat user, 2 WeCom user. */
  type: number;
  avatar?: string;
  gender?: number;
  unionid?: string;
  position?: string;
  corp_name?: string;
  corp_full_name?: string;
  [field: string]: unknown;
}

export interface FollowUser {
  userid: string;
  remark?: string;
  description?: string;
  createtime?: number;
  tags?: ExternalContactTag[];
  remark_mobiles?: string[];
  add_way?: number;
  /** The 联系我 `state`: the lead source. */
  state?: string;
  [field: string]: unknown;
}

export interface ExternalContactDetail {
  external_contact: ExternalContact;
  follow_user: FollowUser[];
}

/** One (customer, follower) pair of externalcontact/batch/get_by_user. */
export interface ExternalContactFollow {
  external_contact: ExternalContact;
  // Picked, not Omit<FollowUser, 'tags'>: Omit over an index signature would drop the named fields.
  follow_info: Pick<
    FollowUser,
    'userid' | 'remark' | 'description' | 'createtime' | 'remark_mobiles' | 'add_way' | 'state'
  > & { tag_id?: string[] };
}

export interface CorpTagGroup {
  group_id: string;
  group_name: string;
  create_time?: number;
  order?: number;
  deleted?: boolean;
  tag: { id: string; name: string; create_time?: number; order?: number; deleted?: boolean }[];
}

/** auth/getuserinfo: a member has `userId`, a visitor from outside the corp `openId`. */
export interface OAuthIdentity {
  userId?: string;
  /** Only with scope snsapi_privateinfo; valid 1800 s. */
  userTicket?: string;
  openId?: string;
  externalUserId?: string;
}

/** miniprogram/jscode2session. `sessionKey` stays on the server. */
export interface MiniProgramSession {
  corpId: string;
  userId: string;
  sessionKey: string;
}

export type WebhookMessage =
  | {
      msgtype: 'text';
      text: { content: string; mentioned_list?: string[]; mentioned_mobile_list?: string[] };
    }
  | { msgtype: 'markdown'; markdown: { content: string } }
  | { msgtype: 'template_card'; template_card: Record<string, unknown> };
