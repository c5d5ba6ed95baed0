import { DepartmentSchema, type User } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import { applyDepartments, type Stale, unlinkDepartments } from './departments.js';
import {
  configuredPlatforms,
  type DirectoryDepartment,
  type OrgDirectories,
  type OrgDirectory,
} from './directory.js';
import { departmentLink } from './links.js';
import { recomputePaths } from './paths.js';
import { applyUsers, departUsers } from './people.js';
import type { PlatformName } from './platform-name.js';
import { OrgState, type SyncReport } from './state.js';

// Org sync: each configured platform's directory into Kelian's departments and users. Every sync
// reads the platform first and then writes in one transaction, so a failing platform call leaves
// nothing half-applied and no transaction waits on the network. Running a sync again with nothing
// changed on the platform writes nothing. `em` is the caller's own fork.

export type OrgEntity = 'user' | 'department';

/** A platform the server has no directory for: the job has nothing to do, now or on a retry. */
export class PlatformNotConfiguredError extends Error {
  override readonly name = 'PlatformNotConfiguredError';
  constructor(readonly platform: PlatformName) {
    super(`${platform} is not configured`);
  }
}

/**
 * The directory lists nobody: an app whose visible range was cut to nothing, not a company that
 * left. Applied, it would make everyone inactive.
 */
export class EmptyDirectoryError extends Error {
  override readonly name = 'EmptyDirectoryError';
  constructor(readonly platform: PlatformName) {
    super(`the ${platform} directory lists no departments or no people; nothing was changed`);
  }
}

/**
 * Work done in a sync's transaction once the org is written (the configured administrators, default
 * roles for people without one): it sees the people the sync made, and commits or fails with them.
 * What it answers joins the sync's report.
 */
export type AfterSync = (tx: EntityManager, synced: Synced) => Promise<Record<string, unknown>>;

/** What an AfterSync learns from the directory beyond what Kelian stores. */
export interface Synced {
  /** The people the directory names as heads of their main department. */
  heads: ReadonlySet<User>;
}

/** What a sync did, and what its AfterSync reported. */
export type Report = SyncReport & Record<string, unknown>;

/** One key for every org sync: a sync waits for another one writing the org (on any instance). */
const ORG_WRITE_LOCK = 74_021_101;

/**
 * Holds the org for the caller's transaction: syncs, and an administrator's merge of two users
 * (merge/merge.ts), write people's platform links one at a time.
 */
export async function lockOrg(tx: EntityManager): Promise<void> {
  await tx.execute(`select pg_advisory_xact_lock(${ORG_WRITE_LOCK})`);
}

/** Everything the platform's directory holds: new, changed, moved and departed people and departments. */
export async function syncPlatform(
  em: EntityManager,
  directories: OrgDirectories,
  platform: PlatformName,
  after?: AfterSync,
): Promise<Report> {
  const directory = directoryOf(directories, platform);
  const departments = await directory.listDepartments();
  const users = await directory.listUsers();
  if (departments.length === 0 || users.length === 0) throw new EmptyDirectoryError(platform);
  const departmentIds = new Set(departments.map((d) => d.id));
  const userIds = new Set(users.map((u) => u.id));
  // With the whole directory at hand, an id that is not in it is gone for good.
  const staleDepartment: Stale = (id) => !departmentIds.has(id);
  const staleUser: Stale = (id) => !userIds.has(id);
  return write(
    em,
    directories,
    async (org) => {
      await applyDepartments(org, platform, departments, staleDepartment);
      unlinkDepartments(org, platform, staleDepartment);
      applyUsers(org, platform, users, staleUser);
      departUsers(org, platform, staleUser);
    },
    after,
  );
}

/**
 * One person or department the platform says has changed. The event only names it: what it is now
 * comes from the directory, so a late, repeated or out-of-order event does no harm.
 */
export async function syncRecord(
  em: EntityManager,
  directories: OrgDirectories,
  platform: PlatformName,
  entity: OrgEntity,
  id: string,
  after?: AfterSync,
): Promise<Report> {
  const directory = directoryOf(directories, platform);
  const gone: Stale = (other) => other === id;
  // Without the whole directory Kelian cannot tell a stale link from a live one: none is taken over.
  const live: Stale = () => false;
  if (entity === 'department') {
    const department = await directory.getDepartment(id);
    const chain = department
      ? [...(await unknownAncestry(em, platform, directory, department.parentId)), department]
      : [];
    return write(
      em,
      directories,
      async (org) => {
        if (department) await applyDepartments(org, platform, chain, live);
        else unlinkDepartments(org, platform, gone);
      },
      after,
    );
  }
  const user = await directory.getUser(id);
  const chain = user ? await unknownAncestry(em, platform, directory, user.departmentIds[0]) : [];
  return write(
    em,
    directories,
    async (org) => {
      await applyDepartments(org, platform, chain, live);
      if (user) applyUsers(org, platform, [user], live);
      else departUsers(org, platform, gone);
    },
    after,
  );
}

function directoryOf(directories: OrgDirectories, platform: PlatformName): OrgDirectory {
  const directory = directories[platform];
  if (!directory) throw new PlatformNotConfiguredError(platform);
  return directory;
}

/** The department and those above it that Kelian has not linked yet, top first. */
async function unknownAncestry(
  em: EntityManager,
  platform: PlatformName,
  directory: OrgDirectory,
  id: string | undefined,
): Promise<DirectoryDepartment[]> {
  const chain: DirectoryDepartment[] = [];
  const known = async (next: string) =>
    (await em.count(DepartmentSchema, { [departmentLink[platform]]: next })) > 0;
  for (let next = id; next !== undefined && !chain.some((d) => d.id === next) && !(await known(next)); ) {
    const department = await directory.getDepartment(next);
    if (!department) break;
    chain.unshift(department);
    next = department.parentId;
  }
  return chain;
}

async function write(
  em: EntityManager,
  directories: OrgDirectories,
  apply: (org: OrgState) => Promise<void>,
  after: AfterSync | undefined,
): Promise<Report> {
  return em.transactional(async (tx) => {
    // Two syncs matching departments by name at the same time would both create the same new one.
    await lockOrg(tx);
    const org = await OrgState.load(tx, configuredPlatforms(directories));
    await apply(org);
    recomputePaths(org.allDepartments);
    if (!after) return { ...org.report };
    await tx.flush();
    return { ...org.report, ...(await after(tx, { heads: org.heads })) };
  });
}
