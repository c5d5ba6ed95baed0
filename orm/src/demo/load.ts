import type { EntityManager } from '@mikro-orm/postgresql';
import { type Contact, ContactSchema } from '../entities/contact.js';
import { type Customer, CustomerSchema } from '../entities/customer.js';
import { type Department, DepartmentSchema } from '../entities/department.js';
import { FollowUpSchema, followUpKinds } from '../entities/follow-up.js';
import { type Role, RoleAssignmentSchema, RoleSchema } from '../entities/role.js';
import { type Tag, TagGroupSchema, TagSchema } from '../entities/tag.js';
import { type User, UserSchema } from '../entities/user.js';
import { ensureBuiltInRoles } from '../reference/roles.js';
import { searchKeysFor } from '../search/keys.js';
import { createApplicationTypes } from './application-data.js';
import { createApprovalFlows } from './approval-data.js';
import { createAssignmentRules } from './assignment-rules.js';
import {
  brandWords,
  companySuffixes,
  contactTitles,
  followUpTexts,
  givenNames,
  industries,
  leadSources,
  nextSteps,
  regionsByTeam,
  type SalesTeam,
  salesTeams,
  surnames,
  tagGroups,
} from './customer-data.js';
import { createFollowUpRules } from './followup-data.js';
import { type DemoDepartmentKey, demoCompanyName, demoDepartments, demoUsers } from './org-data.js';
import { createProducts } from './product-data.js';
import { SeededRandom } from './random.js';
import { createSalesData } from './sales-data.js';

export const demoCustomerCount = 200;
const day = 86_400_000;

export interface DemoSummary {
  departments: number;
  users: number;
  customers: number;
  contacts: number;
  followUps: number;
}

/**
 * Loads the demo company into an empty database and returns what it created, or undefined when the
 * database already holds an organisation or customers: demo data never mixes with real data.
 */
export async function loadDemoDataIfEmpty(
  em: EntityManager,
  now = new Date(),
): Promise<DemoSummary | undefined> {
  const existing =
    (await em.count(DepartmentSchema)) + (await em.count(UserSchema)) + (await em.count(CustomerSchema));
  if (existing > 0) return undefined;
  return em.transactional((tx) => loadDemoData(tx, now));
}

async function loadDemoData(em: EntityManager, now: Date): Promise<DemoSummary> {
  const random = new SeededRandom(20261123);
  const departments = await createDepartments(em);
  const { users, byDepartment } = await createUsers(em, departments);
  const tags = createTags(em);
  createAssignmentRules(em, departments);
  createFollowUpRules(em);
  let contacts = 0;
  let followUps = 0;
  for (let i = 0; i < demoCustomerCount; i++) {
    const team = salesTeams[i % salesTeams.length]!;
    const reps = byDepartment.get(team)!.filter((u) => !u.head);
    const customer = createCustomer(em, random, i, team, reps, tags, now);
    const people = createContacts(em, random, customer);
    Object.assign(customer, searchKeysFor(customer, people));
    contacts += people.length;
    followUps += createFollowUps(em, random, customer, now);
  }
  await em.flush();
  await createSalesData(em, now);
  createApprovalFlows(em, byDepartment.get('gm')!.find((u) => u.head)!);
  createProducts(em);
  await em.flush();
  await createApplicationTypes(em);
  await em.flush();
  return {
    departments: departments.size + 1,
    users: users.length,
    customers: demoCustomerCount,
    contacts,
    followUps,
  };
}

async function createDepartments(em: EntityManager): Promise<Map<DemoDepartmentKey, Department>> {
  const root = em.create(DepartmentSchema, {
    name: demoCompanyName,
    path: '/',
    wecomId: '1',
    dingtalkId: '1',
  });
  await em.flush();
  root.path = `/${root.id}/`;
  const departments = new Map<DemoDepartmentKey, Department>();
  demoDepartments.forEach((d, n) => {
    departments.set(
      d.key,
      em.create(DepartmentSchema, {
        name: d.name,
        parentId: root.id,
        path: root.path,
        sortOrder: n,
        // The sandbox corp's department ids: WeCom numbers them from 2, DingTalk has long ids.
        wecomId: String(n + 2),
        dingtalkId: String(910_000_001 + n),
      }),
    );
  });
  await em.flush();
  for (const d of departments.values()) d.path = `${root.path}${d.id}/`;
  return departments;
}

async function createUsers(em: EntityManager, departments: Map<DemoDepartmentKey, Department>) {
  await ensureBuiltInRoles(em);
  const roles = new Map<string, Role>((await em.find(RoleSchema, {})).map((r) => [r.code, r]));
  const users: (User & { head: boolean })[] = [];
  const byDepartment = new Map<DemoDepartmentKey, (User & { head: boolean })[]>();
  demoUsers.forEach((u) => {
    const user = Object.assign(
      em.create(UserSchema, {
        name: u.name,
        // The sandbox corp gives each person the same mobile, as a real corp's directory would.
        mobile: `138${u.dingtalk.padStart(8, '0')}`,
        email: `${u.wecom.toLowerCase()}@demo.kelian.local`,
        title: u.title,
        department: departments.get(u.department)!,
        wecomUserId: u.wecom,
        dingtalkUserId: u.dingtalk,
      }),
      { head: Boolean(u.head) },
    );
    for (const code of u.roles) {
      const role = roles.get(code)!;
      em.create(RoleAssignmentSchema, { user, role, scope: role.defaultScope, department: user.department });
    }
    users.push(user);
    byDepartment.set(u.department, [...(byDepartment.get(u.department) ?? []), user]);
  });
  await em.flush();
  // Everyone reports to their department head; the heads report to the general manager.
  const gm = byDepartment.get('gm')!.find((u) => u.head)!;
  for (const members of byDepartment.values()) {
    const head = members.find((u) => u.head)!;
    for (const u of members) u.managerId = u === head ? (u === gm ? null : gm.id) : head.id;
  }
  return { users, byDepartment };
}

function createTags(em: EntityManager): Map<string, Tag> {
  const tags = new Map<string, Tag>();
  tagGroups.forEach((g, n) => {
    const group = em.create(TagGroupSchema, { name: g.name, exclusive: g.exclusive, sortOrder: n });
    g.tags.forEach((t, m) => {
      tags.set(t.name, em.create(TagSchema, { group, name: t.name, color: t.color, sortOrder: m }));
    });
  });
  return tags;
}

function personName(random: SeededRandom): string {
  return random.pick(surnames) + random.pick(givenNames);
}

function mobile(random: SeededRandom): string {
  return `1${random.pick(['38', '39', '50', '58', '86', '88', '35', '77'])}${String(random.int(0, 99_999_999)).padStart(8, '0')}`;
}

function creditCode(random: SeededRandom): string {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let code = '91';
  for (let i = 0; i < 16; i++) code += chars[random.int(0, chars.length - 1)];
  return code;
}

function createCustomer(
  em: EntityManager,
  random: SeededRandom,
  index: number,
  team: SalesTeam,
  reps: User[],
  tags: Map<string, Tag>,
  now: Date,
): Customer {
  const place = random.pick(regionsByTeam[team]);
  const city = random.pick(place.cities);
  const industry = random.pick(industries);
  const isPerson = index % 8 === 7;
  const brand = brandWords[index % brandWords.length]!;
  const name = isPerson
    ? personName(random)
    : `${city}${brand}${random.pick(industry.words)}${random.pick(companySuffixes)}`;
  const level = random.pick(['A类重点', 'B类普通', 'B类普通', 'C类潜在', 'C类潜在']);
  // About one customer in ten sits in the pool (公海) with no owner.
  const owner = random.chance(0.1) ? null : random.pick(reps);
  const customer = em.create(CustomerSchema, {
    kind: isPerson ? 'person' : 'company',
    name,
    creditCode: isPerson ? null : creditCode(random),
    industry: industry.tag,
    level: level.slice(0, 1),
    region: place.region,
    city,
    address: `${city}市${random.pick(['高新区', '经开区', '工业园区', '滨江路', '人民路', '中山路'])}${random.int(1, 399)}号`,
    phone: isPerson ? mobile(random) : `0${random.int(10, 999)}-${random.int(60_000_000, 89_999_999)}`,
    source: random.pick(leadSources),
    owner,
    customFields: {},
    createdAt: new Date(now.getTime() - random.int(30, 720) * day),
  });
  customer.tags.add(tags.get(industry.tag)!, tags.get(level)!);
  if (random.chance(0.5))
    customer.tags.add(tags.get(random.pick(['价格敏感', '重视服务', '决策快', '需要发票']))!);
  return customer;
}

function createContacts(em: EntityManager, random: SeededRandom, customer: Customer): Contact[] {
  const count = customer.kind === 'person' ? 1 : random.int(1, 3);
  const contacts: Contact[] = [];
  for (let i = 0; i < count; i++) {
    const contact = em.create(ContactSchema, {
      customer,
      name: customer.kind === 'person' ? customer.name : personName(random),
      mobile: customer.kind === 'person' && customer.phone ? customer.phone : mobile(random),
      email: random.chance(0.6) ? `contact${random.int(100, 999)}@example.com` : null,
      title: customer.kind === 'person' ? null : random.pick(contactTitles),
      primary: i === 0,
    });
    contacts.push(contact);
  }
  return contacts;
}

function createFollowUps(em: EntityManager, random: SeededRandom, customer: Customer, now: Date): number {
  if (!customer.owner) return 0;
  const count = random.int(0, 5);
  let latest: Date | null = null;
  for (let i = 0; i < count; i++) {
    const kind = random.pick(followUpKinds);
    const occurredAt = new Date(now.getTime() - random.int(1, 90) * day - random.int(0, 36_000_000));
    const planned = random.chance(0.4);
    em.create(FollowUpSchema, {
      customer,
      author: customer.owner,
      kind,
      content: random.pick(followUpTexts[kind]),
      nextStep: planned ? random.pick(nextSteps) : null,
      nextAt: planned ? new Date(occurredAt.getTime() + random.int(2, 10) * day) : null,
      occurredAt,
    });
    if (!latest || occurredAt > latest) latest = occurredAt;
  }
  customer.lastFollowUpAt = latest;
  return count;
}
