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
  /** The corp tags (企业标签) this member gave the customer, by platform tag id. */
  tagIds: string[];
}

/** A group of the corp's customer tags as the platform holds them, ids the platform's own. */
export interface PlatformTagGroup {
  id: string;
  name: string;
  order: number;
  tags: { id: string; name: string; order: number }[];
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
  /** The corp's customer tag groups with their tags (deleted ones left out). */
  tagGroups(): Promise<PlatformTagGroup[]>;
  /** Creates tags in the group with that platform id, or in a new group of that name. */
  addTags(group: { id: string } | { name: string }, names: string[]): Promise<PlatformTagGroup>;
  /** Renames a tag or a tag group (by its platform id). */
  renameTag(id: string, name: string): Promise<void>;
  /** Gives tags or tag groups (by their platform ids) their place in the platform's order. */
  orderTags(orders: { id: string; order: number }[]): Promise<void>;
  /** Deletes tags and whole groups; ids the platform no longer has are passed over. */
  deleteTags(tagIds: string[], groupIds: string[]): Promise<void>;
  /** Adds and removes corp tags on the customer as one member (the follower) sees them. */
  markTags(userId: string, externalUserId: string, add: string[], remove: string[]): Promise<void>;
}
