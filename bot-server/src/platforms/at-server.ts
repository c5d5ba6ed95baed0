import type { Config } from '@kelian/config';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../logger.js';
import { sandboxBaseUrls } from '../sandbox/index.js';
import type { ChatEvent } from './common.js';
import { type PlatformRuntime, setUpPlatforms } from './setup.js';

/** The address people and the platforms reach this server at: configured, or where it listens. */
export const publicUrlOf = (config: Config, serverUrl: string): string =>
  config.publicUrl ?? serverUrl.replace('127.0.0.1', 'localhost');

/**
 * The platforms as one server thread uses them: the configured API hosts, or in sandbox mode this
 * server's own stand-ins. The server's thread and the workers' thread each build theirs alike.
 */
export function platformsOfServer(options: {
  config: Config;
  orm: MikroORM;
  logger: Logger;
  /** Known once the server listens (called per use, never before). */
  serverUrl: () => string;
  accept: (event: ChatEvent) => Promise<'accepted' | 'duplicate'>;
}): PlatformRuntime {
  const { config, serverUrl } = options;
  const publicUrl = () => publicUrlOf(config, serverUrl());
  return setUpPlatforms({
    config,
    orm: options.orm,
    logger: options.logger,
    accept: options.accept,
    apiBases: () => {
      const sandboxBases = sandboxBaseUrls(serverUrl());
      return {
        wecom: config.wecom?.apiBase ?? sandboxBases.wecomApiBase,
        dingtalkApi: config.dingtalk?.apiBase ?? sandboxBases.dingtalkApiBase,
        dingtalkOapi: config.dingtalk?.oapiBase ?? sandboxBases.dingtalkOapiBase,
      };
    },
    appBaseUrl: () => `${publicUrl()}/app`,
    publicUrl,
  });
}
