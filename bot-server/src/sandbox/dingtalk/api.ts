import Router from '@koa/router';
import type { SandboxContext } from '../context.js';
import { dingtalkCardRoutes } from './card-api.js';
import { dingtalkEndpoint } from './endpoint.js';
import { DingTalkApiError } from './errors.js';
import { dingtalkOapiRouter, TOKEN_TTL_MS } from './oapi.js';
import { dingtalkRobotRoutes } from './robot-api.js';
import type { StreamGateway } from './stream-gateway.js';
import { dingtalkTodoRoutes } from './todo-api.js';

// The stand-in DingTalk, one mount point per host, so that only the origin of Kelian's base URLs
// changes between the sandbox and production:
//   DINGTALK_API_BASE  = `${serverUrl}/sandbox/dingtalk/api`   (for https://api.dingtalk.com)
//   DINGTALK_OAPI_BASE = `${serverUrl}/sandbox/dingtalk/oapi`  (for https://oapi.dingtalk.com)
export const DINGTALK_API_PATH = '/sandbox/dingtalk/api';
export const DINGTALK_OAPI_PATH = '/sandbox/dingtalk/oapi';

export function dingtalkApiRouter(sb: SandboxContext, gateway: StreamGateway): Router {
  const api = new Router({ prefix: DINGTALK_API_PATH });
  const { dingtalk } = sb.state;

  api.post(
    '/v1.0/oauth2/accessToken',
    dingtalkEndpoint(sb, 'api', 'v1.0/oauth2/accessToken', 'none', ({ body }) => {
      if (body.appKey !== sb.dingtalk.clientId || body.appSecret !== sb.dingtalk.clientSecret) {
        throw new DingTalkApiError(400, 'invalidClientIdOrSecret', '无效的clientId或clientSecret');
      }
      // Asking again within the validity returns the same token and extends it (§6).
      const { token, expiresInSec } = dingtalk.tokens.issue(sb.dingtalk.clientId, TOKEN_TTL_MS, true);
      return { accessToken: token, expireIn: expiresInSec };
    }),
  );

  api.post(
    '/v1.0/oauth2/jsapiTickets',
    dingtalkEndpoint(sb, 'api', 'v1.0/oauth2/jsapiTickets', 'header', () => {
      const { token, expiresInSec } = dingtalk.tickets.issue('jsapi', TOKEN_TTL_MS, false);
      return { jsapiTicket: token, expireIn: expiresInSec };
    }),
  );

  api.post('/v1.0/gateway/connections/open', ...gateway.openRoute());
  dingtalkRobotRoutes(api, sb);
  dingtalkCardRoutes(api, sb);
  dingtalkTodoRoutes(api, sb);
  return new Router().use(api.routes()).use(dingtalkOapiRouter(sb, DINGTALK_OAPI_PATH).routes());
}
