import packageJson from '../../../package.json' with { type: 'json' };
import { modules } from '../../modules/index.js';
import type { ApiDeps } from '../deps.js';
import { openApiDocument } from './document.js';
import { apiDocs } from './routes.js';

// The document the mini-app is typed against (miniapp/contract/openapi.json, `npm run api:types`).
// Only `sandbox` changes which routes exist; it is on, so the demo-user login of a plain browser
// is part of the contract too.
export const contractConfig: ApiDeps['config'] = {
  sandbox: true,
  publicUrl: undefined,
  wecom: undefined,
  dingtalk: undefined,
  leadWebhookSecret: undefined,
  displayTimeZone: 'Asia/Shanghai',
  authAttemptsPerMinute: 30,
};

/** Every route of every module, as a sandbox server documents it at GET /api/openapi.json. */
export const contractDocument = () => openApiDocument(apiDocs(contractConfig, modules), packageJson.version);
