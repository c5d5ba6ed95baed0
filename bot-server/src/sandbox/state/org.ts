import {
  type DemoDepartmentKey as DepartmentKey,
  demoCompanyName,
  demoDepartments,
  demoUsers,
} from '@kelian/orm';
import { stableBase64, stableId, stableUuid } from './ids.js';

// The sandbox corp: the demo company as both platforms see it. WeCom and DingTalk give the same
// person different user ids and the same department different numeric ids; mobiles match, which
// is how Kelian's org sync recognises one person on both platforms.

export interface Department {
  key: string;
  name: string;
  /** Root is 1 on both platforms; the children's ids differ between them, as in a real corp. */
  wecomId: number;
  dingtalkId: number;
  parentKey: string | undefined;
}

export interface Person {
  name: string;
  title: string;
  departmentKey: string;
  head: boolean;
  /** Holds Kelian's admin role: DingTalk reports such a person as an admin (sys). */
  admin: boolean;
  /** The company's head: DingTalk's `boss`. */
  boss: boolean;
  mobile: string;
  wecom: { userid: string };
  dingtalk: {
    userid: string;
    unionid: string;
    /** The encrypted sender id robot messages carry (`$:LWCP_v1:$…`). */
    senderId: string;
    /** The person's 1:1 conversation with the app robot. */
    robotConversationId: string;
  };
}

export interface Group {
  key: string;
  name: string;
  owner: Person;
  members: Person[];
  wecom: { chatid: string; webhookKey: string };
  dingtalk: { openConversationId: string };
}

export interface Org {
  companyName: string;
  departments: Department[];
  people: Person[];
  groups: Group[];
  personByWeCom(userid: string): Person | undefined;
  personByDingTalk(userid: string): Person | undefined;
  /** Members of a department and of every department below it. */
  peopleUnder(departmentKey: string): Person[];
}

const ROOT = 'root';

const groupSeeds: { key: string; name: string; departments: DepartmentKey[]; extra: string[] }[] = [
  { key: 'north-sales', name: '华北销售部群', departments: ['north'], extra: ['WangJianGuo'] },
  { key: 'east-sales', name: '华东销售部群', departments: ['east'], extra: ['WangJianGuo'] },
  { key: 'south-sales', name: '华南销售部群', departments: ['south'], extra: ['WangJianGuo'] },
  {
    key: 'service',
    name: '客服群',
    departments: ['service'],
    extra: ['WangJianGuo', 'LiNa', 'ZhaoMin', 'ZhengKai'],
  },
  {
    key: 'purchase',
    name: '采购群',
    departments: ['purchase'],
    extra: ['LiNa', 'ZhaoMin', 'ZhengKai', 'LuoJuan'],
  },
];

export function buildOrg(): Org {
  const departments: Department[] = [
    { key: ROOT, name: demoCompanyName, wecomId: 1, dingtalkId: 1, parentKey: undefined },
    ...demoDepartments.map(({ key, name }, i) => ({
      key,
      name,
      wecomId: i + 2,
      dingtalkId: 910_000_001 + i,
      parentKey: ROOT,
    })),
  ];
  const people: Person[] = demoUsers.map((u) => ({
    name: u.name,
    title: u.title,
    departmentKey: u.department,
    head: u.head === true,
    admin: u.roles.includes('admin'),
    boss: u.department === 'gm' && u.head === true,
    mobile: `138${u.dingtalk.padStart(8, '0')}`,
    wecom: { userid: u.wecom },
    dingtalk: {
      userid: u.dingtalk,
      unionid: stableId(`unionid:${u.dingtalk}`, 27),
      senderId: `$:LWCP_v1:$${stableBase64(`sender:${u.dingtalk}`, 32)}`,
      robotConversationId: `cid${stableBase64(`robot-chat:${u.dingtalk}`, 22)}==`,
    },
  }));
  const byWeCom = new Map(people.map((p) => [p.wecom.userid, p]));
  const byDingTalk = new Map(people.map((p) => [p.dingtalk.userid, p]));

  const groups: Group[] = groupSeeds.map((seed) => {
    const members = people.filter(
      (p) =>
        seed.departments.includes(p.departmentKey as DepartmentKey) || seed.extra.includes(p.wecom.userid),
    );
    const owner = members.find((p) => p.head && seed.departments.includes(p.departmentKey as DepartmentKey));
    if (!owner) throw new Error(`sandbox group ${seed.key} has no department head to own it`);
    return {
      key: seed.key,
      name: seed.name,
      owner,
      members,
      wecom: {
        chatid: `wr${stableId(`appchat:${seed.key}`, 20)}`,
        webhookKey: stableUuid(`webhook:${seed.key}`),
      },
      dingtalk: { openConversationId: `cid${stableBase64(`group:${seed.key}`, 22)}==` },
    };
  });

  const childrenOf = (key: string): string[] =>
    departments.filter((d) => d.parentKey === key).flatMap((d) => [d.key, ...childrenOf(d.key)]);

  return {
    companyName: demoCompanyName,
    departments,
    people,
    groups,
    personByWeCom: (userid) => byWeCom.get(userid),
    personByDingTalk: (userid) => byDingTalk.get(userid),
    peopleUnder: (departmentKey) => {
      const keys = new Set([departmentKey, ...childrenOf(departmentKey)]);
      return people.filter((p) => keys.has(p.departmentKey));
    },
  };
}
