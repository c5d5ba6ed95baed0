import type Router from '@koa/router';
import type { PlatformName } from '../../domain/org/platform-name.js';
import { parseInput } from '../../http/validate.js';
import type { ApiContext, ApiDeps, ApiState } from '../deps.js';
import { platformMisconfigured, platformNotConfigured, platformUnavailable } from '../problems.js';
import { pageUrlQuery } from './page-url.js';

// JS-SDK configuration for the mini-app's h5 pages inside the clients. The page needs it before it
// can ask for a login code, so no session is required (see page-url.ts for which pages are signed).
//   GET /api/jssdk/wecom/config?url=        ww.register getConfigSignature (corp jsapi_ticket)
//   GET /api/jssdk/wecom/agent-config?url=  ww.register getAgentConfigSignature (agent_config ticket)
//   GET /api/jssdk/dingtalk/config?url=     dd.config

export function jssdkRoutes(router: Router<ApiState>, { config, platforms }: ApiDeps): void {
  const query = pageUrlQuery(config);

  const wecom = (kind: 'config' | 'agent-config') => async (ctx: ApiContext) => {
    const client = platforms.wecomClient();
    if (!client || !config.wecom) throw platformNotConfigured('wecom');
    const { url } = parseInput(query, ctx.query);
    const signed = await orUnavailable(ctx, 'wecom', () =>
      kind === 'config' ? client.jsSdkConfigSignature(url) : client.agentConfigSignature(url),
    );
    ctx.body = { corpId: config.wecom.corpId, agentId: config.wecom.agentId, ...signed, url };
  };
  router.get('/jssdk/wecom/config', wecom('config'));
  router.get('/jssdk/wecom/agent-config', wecom('agent-config'));

  router.get('/jssdk/dingtalk/config', async (ctx) => {
    const client = platforms.dingtalkClient();
    if (!client || !config.dingtalk) throw platformNotConfigured('dingtalk');
    const { corpId, agentId } = config.dingtalk;
    if (!corpId || !agentId)
      throw platformMisconfigured('dingtalk', 'dd.config 需要配置 DINGTALK_CORP_ID 与 DINGTALK_AGENT_ID');
    const { url } = parseInput(query, ctx.query);
    const signed = await orUnavailable(ctx, 'dingtalk', () => client.jsapiConfig(url));
    ctx.body = { corpId, ...signed, url };
  });
}

/** A ticket the platform would not give is an outage for the page, logged for the administrator. */
async function orUnavailable<T>(ctx: ApiContext, platform: PlatformName, sign: () => Promise<T>): Promise<T> {
  try {
    return await sign();
  } catch (error) {
    ctx.state.log.error({ err: error, platform }, 'JS-SDK signature failed');
    throw platformUnavailable(platform);
  }
}
