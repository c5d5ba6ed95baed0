import type { MikroORM } from '@mikro-orm/postgresql';

// Signs that a platform reaches Kelian, for the going-live checklist: the receivers mark them as
// they answer. One row per signal; a busy callback route writes at most once a minute.

export type SignalKey = 'wecom.url-verified' | 'wecom.callback';

export interface PlatformSignals {
  mark(key: SignalKey): Promise<void>;
}

export class DatabaseSignals implements PlatformSignals {
  constructor(private readonly orm: Pick<MikroORM, 'em'>) {}

  async mark(key: SignalKey): Promise<void> {
    await this.orm.em.getConnection().execute(
      `insert into platform_signal (key, at) values (?, now())
       on conflict (key) do update set at = excluded.at
        where platform_signal.at < excluded.at - interval '1 minute'`,
      [key],
    );
  }
}
