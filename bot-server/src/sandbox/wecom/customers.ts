import { stableId } from '../state/ids.js';

// 客户联系: the customers' WeChat accounts the members have added, and the corp's customer tags.

export interface FollowInfo {
  userid: string;
  remark: string;
  description: string;
  createtime: number;
  tagIds: string[];
  remark_mobiles: string[];
  oper_userid: string;
  /** 1 = scanned the member's QR code; 0 = unknown source. */
  add_way: number;
  state?: string;
}

export interface ExternalContact {
  external_userid: string;
  name: string;
  /** 1 = WeChat user, 2 = WeCom user. */
  type: 1 | 2;
  gender: 0 | 1 | 2;
  avatar: string;
  unionid: string;
  follows: FollowInfo[];
}

export interface CorpTag {
  id: string;
  name: string;
  create_time: number;
  order: number;
  deleted: boolean;
}

export interface TagGroup {
  group_id: string;
  group_name: string;
  create_time: number;
  order: number;
  deleted: boolean;
  tag: CorpTag[];
}

/** The corp may hold at most this many tags (errcode 40126). */
export const CORP_TAG_LIMIT = 3000;

const SEED_TIME = 1_735_689_600; // 2025-01-01, when the demo customers were "added"

// The same 等级 as the demo company set up in Kelian (the sync links them by name), and a 来源 group
// that exists only in WeCom.
const tagSeeds: [group: string, tags: string[]][] = [
  ['等级', ['A类重点', 'B类普通', 'C类潜在']],
  ['来源', ['官网', '展会', '老客户转介绍']],
];

const contactSeeds: {
  name: string;
  gender: 1 | 2;
  follows: { userid: string; remark: string; tags: string[]; state?: string }[];
}[] = [
  {
    name: '张先生',
    gender: 1,
    follows: [{ userid: 'ZhangWei', remark: '星河智能 张总', tags: ['A类重点', '官网'], state: 'website' }],
  },
  {
    name: '李女士',
    gender: 2,
    follows: [{ userid: 'SunHao', remark: '东方贸易 李经理', tags: ['B类普通', '展会'] }],
  },
  {
    name: '王总',
    gender: 1,
    follows: [{ userid: 'HuangLei', remark: '南粤制造 王总', tags: ['A类重点', '老客户转介绍'] }],
  },
  {
    name: '陈经理',
    gender: 1,
    follows: [
      { userid: 'LiuYang', remark: '京华物流 陈经理', tags: ['C类潜在'] },
      { userid: 'ZhangWei', remark: '京华物流 陈经理', tags: ['C类潜在', '展会'] },
    ],
  },
];

export class WeComCustomers {
  readonly contacts = new Map<string, ExternalContact>();
  readonly tagGroups: TagGroup[];

  constructor() {
    this.tagGroups = tagSeeds.map(([groupName, names], g) => ({
      group_id: `et${stableId(`tag-group:${groupName}`, 20)}`,
      group_name: groupName,
      create_time: SEED_TIME,
      order: g,
      deleted: false,
      tag: names.map((name, t) => ({
        id: `et${stableId(`tag:${groupName}:${name}`, 20)}`,
        name,
        create_time: SEED_TIME,
        order: t,
        deleted: false,
      })),
    }));
    const tagIdOf = (name: string) => this.tagGroups.flatMap((g) => g.tag).find((t) => t.name === name)?.id;
    for (const seed of contactSeeds) {
      const contact = this.#newContact(seed.name, seed.gender);
      contact.follows = seed.follows.map((f) => ({
        ...this.#newFollow(f.userid, SEED_TIME, f.state),
        remark: f.remark,
        tagIds: f.tags.flatMap((t) => tagIdOf(t) ?? []),
      }));
      this.contacts.set(contact.external_userid, contact);
    }
  }

  followedBy(userid: string): ExternalContact[] {
    return [...this.contacts.values()].filter((c) => c.follows.some((f) => f.userid === userid));
  }

  /** A member adds a customer (or the customer adds the member): a new follow, a new contact if need be. */
  addFollow(input: {
    userid: string;
    name: string;
    externalUserId?: string;
    gender?: 0 | 1 | 2;
    state?: string;
    nowSec: number;
  }): { contact: ExternalContact; follow: FollowInfo } {
    const contact =
      (input.externalUserId === undefined ? undefined : this.contacts.get(input.externalUserId)) ??
      this.#newContact(input.name, input.gender ?? 0, input.externalUserId);
    this.contacts.set(contact.external_userid, contact);
    const follow = this.#newFollow(input.userid, input.nowSec, input.state);
    contact.follows = [...contact.follows.filter((f) => f.userid !== input.userid), follow];
    return { contact, follow };
  }

  tag(id: string): { group: TagGroup; tag: CorpTag } | undefined {
    for (const group of this.tagGroups) {
      const tag = group.tag.find((t) => t.id === id && !t.deleted);
      if (tag) return { group, tag };
    }
    return undefined;
  }

  tagCount(): number {
    return this.tagGroups.reduce((n, g) => n + g.tag.filter((t) => !t.deleted).length, 0);
  }

  #newContact(name: string, gender: 0 | 1 | 2, externalUserId?: string): ExternalContact {
    const id = externalUserId ?? `wm${stableId(`external:${name}:${this.contacts.size}`, 28)}`;
    return {
      external_userid: id,
      name,
      type: 1,
      gender,
      avatar: '',
      unionid: `o${stableId(`unionid:${id}`, 27)}`,
      follows: [],
    };
  }

  #newFollow(userid: string, createtime: number, state: string | undefined): FollowInfo {
    return {
      userid,
      remark: '',
      description: '',
      createtime,
      tagIds: [],
      remark_mobiles: [],
      oper_userid: userid,
      add_way: 1,
      ...(state === undefined ? {} : { state }),
    };
  }
}
