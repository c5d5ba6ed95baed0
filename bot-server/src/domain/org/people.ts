import { type User, UserSchema } from '@kelian/orm';
import type { Stale } from './departments.js';
import type { DirectoryUser } from './directory.js';
import type { PlatformName } from './platform-name.js';
import type { OrgState } from './state.js';

type Profile = Pick<User, 'name' | 'title' | 'mobile' | 'email' | 'department'>;

/**
 * Brings one platform's people into Kelian. A platform user is, in this order: the Kelian user
 * linked to its id; else the one Kelian user with the same mobile number (not linked to another,
 * live id of the platform), which is how one person on WeCom and DingTalk becomes one Kelian user;
 * else a new user. A new user gets no role: the directory holds the whole company, and a role
 * grants business rights, so an admin decides who gets which. Roles, managers and everything else
 * Kelian keeps on its own are never written here.
 */
export function applyUsers(
  org: OrgState,
  platform: PlatformName,
  users: readonly DirectoryUser[],
  stale: Stale,
): void {
  for (const user of users) applyUser(org, platform, user, stale);
}

/**
 * A person the platform no longer has. Still linked to another configured platform: only this link
 * goes, and they stay active there. Otherwise they become inactive and keep the link, so their
 * customers stay theirs and a return under the same id revives the same Kelian user.
 */
export function departUsers(org: OrgState, platform: PlatformName, gone: Stale): void {
  for (const record of org.allUsers) {
    const id = org.users.idOf(record, platform);
    if (id === undefined || !gone(id)) continue;
    if (org.linkedElsewhere(org.users, record, platform)) {
      org.users.link(record, platform, undefined);
      org.report.users.unlinked++;
    } else if (record.active) {
      record.active = false;
      org.report.users.deactivated++;
    }
  }
}

function applyUser(org: OrgState, platform: PlatformName, u: DirectoryUser, stale: Stale) {
  const { users: index, report } = org;
  let record = index.find(platform, u.id);
  if (!record) {
    record = samePerson(org, platform, u, stale);
    if (record) {
      index.link(record, platform, u.id);
      report.users.linked++;
    }
  }
  const department = u.departmentIds.map((id) => org.departments.find(platform, id)).find(Boolean) ?? null;
  const profile: Profile = {
    name: u.name,
    title: u.title ?? null,
    mobile: u.mobile ?? null,
    email: u.email ?? null,
    department,
  };
  if (!record) {
    const created = org.em.create(UserSchema, { ...profile, active: u.active });
    org.addUser(created);
    index.link(created, platform, u.id);
    report.users.created++;
    if (u.head) org.heads.add(created);
    return;
  }
  if (u.head) org.heads.add(record);
  // The owning platform's values win; another platform only fills what Kelian does not know. An
  // empty value never erases one (WeCom hides mobiles and emails from apps created since 2022).
  const owner = org.ownerOf(index, record) === platform;
  const values: Partial<User> = {};
  for (const field of Object.keys(profile) as (keyof Profile)[]) {
    if (profile[field] && (owner || !record[field])) Object.assign(values, { [field]: profile[field] });
  }
  // Enabled on any platform makes a person active; only the last platform they are on can stop it.
  if (u.active) values.active = true;
  else if (!org.linkedElsewhere(index, record, platform)) values.active = false;
  if (org.patchUser(record, values)) report.users.updated++;
}

function samePerson(org: OrgState, platform: PlatformName, u: DirectoryUser, stale: Stale) {
  const candidates = org.usersWithMobile(u.mobile).filter((record) => {
    const id = org.users.idOf(record, platform);
    return id === undefined || stale(id);
  });
  // Two Kelian users sharing a number is for a person to sort out, not for the sync to guess.
  return candidates.length === 1 ? candidates[0] : undefined;
}
