import type { PlatformName } from './platform-name.js';

// The company directory (通讯录) of one chat platform, in neutral terms: what the org sync reads.
// Ids are the platform's own, as strings; platforms/<p>/directory.ts implements this with each
// platform's API client.

export interface DirectoryDepartment {
  id: string;
  name: string;
  /** Undefined for the top of the tree. */
  parentId: string | undefined;
  /** Position among its siblings as the platform shows them, 0 first. */
  order: number;
}

export interface DirectoryUser {
  id: string;
  name: string;
  /** Absent when the platform does not disclose it to the app. */
  mobile?: string;
  email?: string;
  title?: string;
  /** Platform department ids, the main department first. */
  departmentIds: string[];
  /** False when the platform keeps the person but has disabled them. */
  active: boolean;
  /** The head (负责人 / 主管) of their main department, as the platform records it. */
  head?: boolean;
}

export interface OrgDirectory {
  /** Every department the app can see, the top of the tree included. */
  listDepartments(): Promise<DirectoryDepartment[]>;
  /** Every person the app can see, each once. */
  listUsers(): Promise<DirectoryUser[]>;
  /** Undefined when the platform has no such person (any more). */
  getUser(id: string): Promise<DirectoryUser | undefined>;
  /** Undefined when the platform has no such department (any more). */
  getDepartment(id: string): Promise<DirectoryDepartment | undefined>;
}

/** The directory of every configured platform. */
export type OrgDirectories = Partial<Record<PlatformName, OrgDirectory>>;

/**
 * When a person or department is on both platforms and they disagree (a name, a parent), the first
 * platform here that the record is linked to wins. Arbitrary but fixed: without an order the two
 * nightly syncs would overwrite each other every night.
 */
export const platformPrecedence: readonly PlatformName[] = ['wecom', 'dingtalk'];

/** The configured platforms, in order of precedence. */
export function configuredPlatforms(directories: OrgDirectories): PlatformName[] {
  return platformPrecedence.filter((p) => directories[p] !== undefined);
}
