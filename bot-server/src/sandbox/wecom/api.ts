import Router from '@koa/router';
import type { SandboxContext } from '../context.js';
import { wecomAddressBookRoutes } from './address-book-api.js';
import { wecomCorpTagRoutes } from './corp-tag-api.js';
import { wecomExternalContactRoutes } from './external-contact-api.js';
import { wecomIdentityRoutes } from './identity-api.js';
import { wecomMessageRoutes } from './messages-api.js';
import { wecomOAuthRoutes } from './oauth-page.js';

/** Mount point of the stand-in WeCom: Kelian's WECOM_API_BASE is `${serverUrl}${WECOM_BASE_PATH}`. */
export const WECOM_BASE_PATH = '/sandbox/wecom';

/**
 * The stand-in WeCom: `cgi-bin/…` as on https://qyapi.weixin.qq.com, and the OAuth page of
 * https://open.weixin.qq.com at `connect/oauth2/authorize`, both below WECOM_BASE_PATH.
 */
export function wecomApiRouter(sb: SandboxContext): Router {
  const cgi = new Router({ prefix: `${WECOM_BASE_PATH}/cgi-bin` });
  wecomIdentityRoutes(cgi, sb);
  wecomMessageRoutes(cgi, sb);
  wecomAddressBookRoutes(cgi, sb);
  wecomExternalContactRoutes(cgi, sb);
  wecomCorpTagRoutes(cgi, sb);
  const oauth = new Router({ prefix: WECOM_BASE_PATH });
  wecomOAuthRoutes(oauth, sb);
  return new Router().use(cgi.routes()).use(oauth.routes());
}
