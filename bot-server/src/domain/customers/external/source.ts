// The platform's external contacts (WeCom 客户联系) as the domain needs them. The platform side
// (platforms/wecom/external-contacts.ts) implements this; the domain knows no WeCom.

/** One member of the corp who has the customer among their contacts. */
export interface ExternalFollower {
  /** The member's platform user id (WeCom UserID). */
  userId: string;
  /** Mobile numbers the member noted for the customer. */
  mobiles: string[];
  /** The 联系我 code's `state` the customer came through, if any: the customer's source. */
  state: string | null;
}

export interface ExternalContactRecord {
  externalUserId: string;
  /** The WeChat name of the person. */
  name: string;
  /** The company the person works for, when they say (WeCom users always do). */
  corpName: string | null;
  followers: ExternalFollower[];
}

export interface ExternalContactSource {
  /** The contact with all its followers; undefined when the platform knows no such contact. */
  get(externalUserId: string): Promise<ExternalContactRecord | undefined>;
  /** Every contact the members follow, once per (contact, member), each with that one follower. */
  followedBy(userIds: readonly string[]): AsyncIterable<ExternalContactRecord>;
}
