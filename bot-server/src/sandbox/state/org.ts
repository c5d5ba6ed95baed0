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
  wecom: {
    userid: string;
    /**
     * WeCom's address book gives this person no mobile (a WeCom app created since 2022-06-20 reads
     * no mobiles), so Kelian's org sync cannot tell them from their DingTalk self.
     */
    mobileHidden: boolean;
  };
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

/** Someone an admin adds to the corp, on both platforms at once. */
export interface NewPerson {
  name: string;
  title: string;
  departmentKey: string;
  mobile: string;
  wecomUserId: string;
  dingtalkUserId: string;
  /** WeCom gives no mobile for them: the org sync makes two users until an admin merges them. */
  wecomMobileHidden?: boolean;
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
  /** An admin adds a person in both platforms' consoles (no event is sent: see the person actions). */
  addPerson(person: NewPerson): Person;
  /** An admin removes a person (found by WeCom userid) from the corp on both platforms. */
  removePerson(wecomUserId: string): Person;
  /** An admin adds a department under `parentKey`; each platform gives it its next id. */
  addDepartment(department: { key: string; name: string; parentKey: string }): Department;
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
  const people: Person[] = demoUsers.map((u) =>
    makePerson({
      name: u.name,
      title: u.title,
      departmentKey: u.department,
      head: u.head === true,
      admin: u.roles.includes('admin'),
      boss: u.department === 'gm' && u.head === true,
      mobile: `138${u.dingtalk.padStart(8, '0')}`,
      wecomUserId: u.wecom,
      dingtalkUserId: u.dingtalk,
    }),
  );
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
    addPerson: (input) => {
      if (!departments.some((d) => d.key === input.departmentKey)) {
        throw new Error(`sandbox department ${input.departmentKey} does not exist`);
      }
      if (byWeCom.has(input.wecomUserId) || byDingTalk.has(input.dingtalkUserId)) {
        throw new Error(`sandbox person ${input.wecomUserId} / ${input.dingtalkUserId} already exists`);
      }
      const person = makePerson({ ...input, head: false, admin: false, boss: false });
      people.push(person);
      byWeCom.set(person.wecom.userid, person);
      byDingTalk.set(person.dingtalk.userid, person);
      return person;
    },
    removePerson: (wecomUserId) => {
      const person = byWeCom.get(wecomUserId);
      if (!person) throw new Error(`sandbox person ${wecomUserId} does not exist`);
      people.splice(people.indexOf(person), 1);
      byWeCom.delete(person.wecom.userid);
      byDingTalk.delete(person.dingtalk.userid);
      return person;
    },
    addDepartment: ({ key, name, parentKey }) => {
      if (departments.some((d) => d.key === key)) throw new Error(`sandbox department ${key} already exists`);
      if (!departments.some((d) => d.key === parentKey)) {
        throw new Error(`sandbox department ${parentKey} does not exist`);
      }
      const department = {
        key,
        name,
        wecomId: Math.max(...departments.map((d) => d.wecomId)) + 1,
        dingtalkId: Math.max(...departments.map((d) => d.dingtalkId)) + 1,
        parentKey,
      };
      departments.push(department);
      return department;
    },
  };
}

function makePerson(p: NewPerson & Pick<Person, 'head' | 'admin' | 'boss'>): Person {
  return {
    name: p.name,
    title: p.title,
    departmentKey: p.departmentKey,
    head: p.head,
    admin: p.admin,
    boss: p.boss,
    mobile: p.mobile,
    wecom: { userid: p.wecomUserId, mobileHidden: p.wecomMobileHidden === true },
    dingtalk: {
      userid: p.dingtalkUserId,
      unionid: stableId(`unionid:${p.dingtalkUserId}`, 27),
      senderId: `$:LWCP_v1:$${stableBase64(`sender:${p.dingtalkUserId}`, 32)}`,
      robotConversationId: `cid${stableBase64(`robot-chat:${p.dingtalkUserId}`, 22)}==`,
    },
  };
}
