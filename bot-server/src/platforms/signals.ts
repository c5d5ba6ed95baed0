import type { MikroORM } from '@mikro-orm/postgresql';

// Signs that a platform reaches Kelian, for the going-live checklist: the receivers mark them as
// they answer. One row per signal; a busy callback route writes at most once a minute.

export type SignalKey = 'wecom.url-verified' | 'wecom.callback';

export interface PlatformSignals {
  mark(key: SignalKey): Promise<void>;
}

/** A signal marked this recently by this process is not written again: the checklist shows minutes. */
const markEveryMs = 60_000;

export class DatabaseSignals implements PlatformSignals {
  /** When this process last wrote each signal: a callback stream must not cost a statement each. */
  readonly #written = new Map<SignalKey, number>();

  constructor(private readonly orm: Pick<MikroORM, 'em'>) {}

  async mark(key: SignalKey): Promise<void> {
    const now = Date.now();
    if (now - (this.#written.get(key) ?? 0) < markEveryMs) return;
    this.#written.set(key, now);
    await this.orm.em
      .getConnection()
      .execute(
        `insert into platform_signal (key, at) values (?, now())
       on conflict (key) do update set at = excluded.at
        where platform_signal.at < excluded.at - interval '1 minute'`,
        [key],
      )
      .catch((err: unknown) => {
        this.#written.delete(key);
        throw err;
      });
  }
}
