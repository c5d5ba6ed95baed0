import type { Department, User } from '@kelian/orm';
import type { PlatformName } from './platform-name.js';

// Where a Kelian record keeps its id on each platform, and an index of records by those ids that
// stays true while the sync links and unlinks them.

export const departmentLink = { wecom: 'wecomId', dingtalk: 'dingtalkId' } as const satisfies Record<
  PlatformName,
  keyof Department
>;

export const userLink = { wecom: 'wecomUserId', dingtalk: 'dingtalkUserId' } as const satisfies Record<
  PlatformName,
  keyof User
>;

type LinkColumns<T> = Record<
  PlatformName,
  { [K in keyof T]: T[K] extends string | null | undefined ? K : never }[keyof T]
>;

export class LinkIndex<T> {
  readonly #byId = new Map<PlatformName, Map<string, T>>();

  constructor(
    records: Iterable<T>,
    private readonly columns: LinkColumns<T>,
  ) {
    for (const p of Object.keys(columns) as PlatformName[]) this.#byId.set(p, new Map());
    for (const record of records) this.add(record);
  }

  /** Indexes a new record under the ids it already carries. */
  add(record: T): void {
    for (const [p, ids] of this.#byId) {
      const id = this.idOf(record, p);
      if (id !== undefined) ids.set(id, record);
    }
  }

  find(platform: PlatformName, id: string): T | undefined {
    return this.#byId.get(platform)?.get(id);
  }

  idOf(record: T, platform: PlatformName): string | undefined {
    const id = record[this.columns[platform]] as string | null | undefined;
    return id ?? undefined;
  }

  /** Sets (or, with undefined, removes) the record's id on `platform`. */
  link(record: T, platform: PlatformName, id: string | undefined): void {
    const ids = this.#byId.get(platform)!;
    const old = this.idOf(record, platform);
    if (old !== undefined) ids.delete(old);
    (record as Record<string, unknown>)[this.columns[platform] as string] = id ?? null;
    if (id !== undefined) ids.set(id, record);
  }
}
