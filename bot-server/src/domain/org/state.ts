import { type Department, DepartmentSchema, type User, UserSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import { departmentLink, LinkIndex, userLink } from './links.js';
import { normaliseMobile } from './mobile.js';
import { patch } from './patch.js';
import type { PlatformName } from './platform-name.js';

// Kelian's organisation as one sync transaction sees and changes it. The whole org is loaded: even
// large companies have a few thousand people, and one in-memory picture keeps every matching rule
// in plain code, the same for a full sync and for one changed person.

export type Counts = Record<'created' | 'linked' | 'updated' | 'unlinked' | 'deactivated', number>;

export interface SyncReport {
  departments: Counts;
  users: Counts;
}

const zero = (): Counts => ({ created: 0, linked: 0, updated: 0, unlinked: 0, deactivated: 0 });

export class OrgState {
  readonly departments: LinkIndex<Department>;
  readonly users: LinkIndex<User>;
  readonly report: SyncReport = { departments: zero(), users: zero() };
  /** The people this sync's directory names as heads of their main department (default roles). */
  readonly heads = new Set<User>();
  readonly #departments: Department[];
  readonly #users: User[];
  readonly #byMobile = new Map<string, Set<User>>();

  private constructor(
    readonly em: EntityManager,
    departments: Department[],
    users: User[],
    /** The configured platforms, in order of precedence. */
    readonly platforms: readonly PlatformName[],
  ) {
    this.#departments = departments;
    this.#users = users;
    this.departments = new LinkIndex(departments, departmentLink);
    this.users = new LinkIndex(users, userLink);
    for (const user of users) this.#indexMobile(user);
  }

  static async load(em: EntityManager, platforms: readonly PlatformName[]): Promise<OrgState> {
    const departments = await em.find(DepartmentSchema, {}, { orderBy: { id: 'asc' } });
    // A user merged into another holds no platform link and is nobody the directory can name: left
    // out, it can be neither matched by its mobile (recreating the split) nor revived.
    const users = await em.find(UserSchema, { mergedIntoId: null }, { orderBy: { id: 'asc' } });
    return new OrgState(em, departments, users, platforms);
  }

  get allDepartments(): readonly Department[] {
    return this.#departments;
  }

  get allUsers(): readonly User[] {
    return this.#users;
  }

  childrenOf(parentId: number | null): Department[] {
    return this.#departments.filter((d) => (d.parentId ?? null) === parentId);
  }

  addDepartment(department: Department): void {
    this.#departments.push(department);
    this.departments.add(department);
  }

  addUser(user: User): void {
    this.#users.push(user);
    this.users.add(user);
    this.#indexMobile(user);
  }

  usersWithMobile(mobile: string | undefined): User[] {
    const key = normaliseMobile(mobile);
    return key ? [...(this.#byMobile.get(key) ?? [])] : [];
  }

  /** `patch` for a user, keeping the mobile index true. */
  patchUser(user: User, values: Partial<User>): boolean {
    this.#byMobile.get(normaliseMobile(user.mobile) ?? '')?.delete(user);
    const changed = patch(user, values);
    this.#indexMobile(user);
    return changed;
  }

  /** The platform whose data wins for a record: the first configured one it is linked to. */
  ownerOf<T>(index: LinkIndex<T>, record: T): PlatformName | undefined {
    return this.platforms.find((p) => index.idOf(record, p) !== undefined);
  }

  /** Whether the record is also linked to a configured platform other than `platform`. */
  linkedElsewhere<T>(index: LinkIndex<T>, record: T, platform: PlatformName): boolean {
    return this.platforms.some((p) => p !== platform && index.idOf(record, p) !== undefined);
  }

  #indexMobile(user: User): void {
    const key = normaliseMobile(user.mobile);
    if (!key) return;
    const users = this.#byMobile.get(key) ?? new Set<User>();
    users.add(user);
    this.#byMobile.set(key, users);
  }
}
