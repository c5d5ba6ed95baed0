import { createHmac } from 'node:crypto';
import { renderDingTalk, renderDingTalkActionCard, renderWeCom, renderWeComUpdate } from '@kelian/cards';
import type { Config } from '@kelian/config';
import type Router from '@koa/router';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { TodoBoard } from '../domain/approvals/todo-board.js';
import type { Logger } from '../logger.js';
import type { ChatEvent, ChatPlatform, PlatformName } from './common.js';
import { DingTalkClient } from './dingtalk/client.js';
import { DingTalkPlatform } from './dingtalk/platform.js';
import { DingTalkHttpReceiver } from './dingtalk/receiver-http.js';
import { DingTalkStreamReceiver } from './dingtalk/receiver-stream.js';
import { dingtalkRoutes } from './dingtalk/routes.js';
import { dingTalkTodoBoard } from './dingtalk/todo-board.js';
import { DatabaseSignals } from './signals.js';
import { DatabaseTokenStore } from './token-store.js';
import { WeComClient } from './wecom/client.js';
import { WeComPlatform } from './wecom/platform.js';
import { WeComReceiver } from './wecom/receiver.js';
import { wecomRoutes } from './wecom/routes.js';

/** Where the platforms' APIs answer: the real hosts, or the sandbox's stand-ins on this server. */
export interface ApiBases {
  wecom: string;
  dingtalkApi: string;
  dingtalkOapi: string;
}

export interface PlatformRuntime {
  routers: Router[];
  /** The adapter that sends to `name`, or undefined when that platform is not configured. */
  get(name: PlatformName): ChatPlatform | undefined;
  /** The API clients, for what goes beyond sending (directory, identity, JS-SDK signatures). */
  wecomClient(): WeComClient | undefined;
  dingtalkClient(): DingTalkClient | undefined;
  /** DingTalk 待办 for the approval mirror, or undefined when DingTalk is not configured. */
  dingtalkTodos(): TodoBoard | undefined;
  /** Whether this instance's DingTalk Stream connection is open; undefined without Stream mode. */
  dingtalkStreamConnected(): boolean | undefined;
  /** Connections that need the server to be up (DingTalk Stream, card callback registration). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** DingTalk card callbacks over HTTP are signed with a secret Kelian registers; derive it, keep none. */
const cardRouteKey = 'kelian';
const cardApiSecret = (clientSecret: string) =>
  createHmac('sha256', clientSecret).update('kelian-card-callback').digest('hex').slice(0, 32);

/**
 * Builds the receivers (routes, Stream) and the senders of every configured platform. Senders are
 * built on first use, because in sandbox mode their API base is this server's own address, known
 * only once it listens.
 */
export function setUpPlatforms(options: {
  config: Config;
  orm: MikroORM;
  logger: Logger;
  accept: (event: ChatEvent) => Promise<'accepted' | 'duplicate'>;
  apiBases: () => ApiBases;
  /** Base of the mini-app for links in cards, e.g. https://crm.example.com/app */
  appBaseUrl: () => string;
  /** Where DingTalk should post card clicks in HTTP mode. */
  publicUrl: () => string;
}): PlatformRuntime {
  const { config, orm, logger, accept } = options;
  const tokenStore = new DatabaseTokenStore(orm);
  const routers: Router[] = [];
  const adapters = new Map<PlatformName, () => ChatPlatform>();
  const starters: (() => Promise<void>)[] = [];
  const stoppers: (() => Promise<void>)[] = [];
  let stream: DingTalkStreamReceiver | undefined;

  const { wecom, dingtalk } = config;
  const wecomClient = wecom
    ? once(
        () =>
          new WeComClient({
            apiBase: options.apiBases().wecom,
            corpId: wecom.corpId,
            secret: wecom.secret,
            agentId: wecom.agentId,
            tokenStore,
            logger,
          }),
      )
    : undefined;
  if (wecom) {
    const receiver = new WeComReceiver({
      token: wecom.token,
      encodingAesKey: wecom.encodingAesKey,
      corpId: wecom.corpId,
    });
    routers.push(wecomRoutes({ receiver, accept, logger, signals: new DatabaseSignals(orm) }));
    adapters.set(
      'wecom',
      once(
        () =>
          new WeComPlatform({
            client: wecomClient!(),
            renderCard: (card) => ({ ...renderWeCom(card, { appBaseUrl: options.appBaseUrl() }) }),
            renderUpdate: (card) => ({ ...renderWeComUpdate(card, { appBaseUrl: options.appBaseUrl() }) }),
            logger,
          }),
      ),
    );
  }

  const dingtalkClient = dingtalk
    ? once(
        () =>
          new DingTalkClient({
            apiBase: options.apiBases().dingtalkApi,
            oapiBase: options.apiBases().dingtalkOapi,
            clientId: dingtalk.clientId,
            clientSecret: dingtalk.clientSecret,
            agentId: dingtalk.agentId ?? '',
            robotCode: dingtalk.clientId,
            tokenStore,
            logger,
          }),
      )
    : undefined;
  if (dingtalk) {
    const client = dingtalkClient!;
    adapters.set(
      'dingtalk',
      once(
        () =>
          new DingTalkPlatform({
            client: client(),
            renderCard: (card) => {
              const rendered = renderDingTalk(card, {
                appBaseUrl: options.appBaseUrl(),
                cardTemplateId: dingtalk.cardTemplateId,
              });
              return {
                cardTemplateId: rendered.cardTemplateId,
                cardParamMap: { ...rendered.cardData.cardParamMap },
              };
            },
            renderFallback: (card) =>
              renderDingTalkActionCard(card, { appBaseUrl: options.appBaseUrl() }).actionCard,
            logger,
            cardCallback:
              dingtalk.mode === 'http' ? { type: 'HTTP', routeKey: cardRouteKey } : { type: 'STREAM' },
          }),
      ),
    );
    if (dingtalk.mode === 'http') {
      const receiver = new DingTalkHttpReceiver({
        callback: { token: dingtalk.token ?? '', aesKey: dingtalk.aesKey ?? '', ownerKey: dingtalk.clientId },
        appSecret: dingtalk.clientSecret,
        cardApiSecret: cardApiSecret(dingtalk.clientSecret),
      });
      routers.push(dingtalkRoutes({ receiver, accept, logger }));
      starters.push(async () => {
        await client()
          .registerCardCallback({
            routeKey: cardRouteKey,
            url: `${options.publicUrl()}/dingtalk/card`,
            apiSecret: cardApiSecret(dingtalk.clientSecret),
          })
          .catch((err: unknown) =>
            logger.error({ err }, 'could not register the DingTalk card callback URL'),
          );
      });
    } else {
      starters.push(async () => {
        stream = new DingTalkStreamReceiver({
          clientId: dingtalk.clientId,
          clientSecret: dingtalk.clientSecret,
          endpointBase: options.apiBases().dingtalkApi,
          onEvent: async (event) => {
            await accept(event);
          },
          logger,
        });
        await stream.start();
      });
      stoppers.push(async () => stream?.stop());
    }
  }

  return {
    routers,
    get: (name) => adapters.get(name)?.(),
    wecomClient: () => wecomClient?.(),
    dingtalkClient: () => dingtalkClient?.(),
    dingtalkTodos: () => {
      const client = dingtalkClient?.();
      return client && dingTalkTodoBoard(client, options.appBaseUrl);
    },
    dingtalkStreamConnected: () =>
      dingtalk && dingtalk.mode !== 'http' ? (stream?.connected ?? false) : undefined,
    async start() {
      for (const start of starters) await start();
    },
    async stop() {
      for (const stop of stoppers) await stop();
    },
  };
}

function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}
