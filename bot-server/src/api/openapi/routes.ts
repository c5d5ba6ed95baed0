import type Router from '@koa/router';
import packageJson from '../../../package.json' with { type: 'json' };
import type { KelianModule } from '../../modules/contract.js';
import { authOptionsDoc } from '../auth/options.js';
import type { ApiDeps, ApiState } from '../deps.js';
import { openApiDocument } from './document.js';
import type { RouteDoc } from './route-doc.js';
import { sessionDocs } from './session-docs.js';

const openApiDoc: RouteDoc = {
  method: 'get',
  path: '/openapi.json',
  tag: '文档',
  signedIn: false,
  summary: '本文档（OpenAPI 3.1）',
  answers: { 200: { description: 'OpenAPI 文档' } },
};

/** Every route under /api, as this configuration mounts them. */
export const apiDocs = (config: ApiDeps['config'], modules: readonly KelianModule[]): RouteDoc[] => [
  ...sessionDocs(config),
  authOptionsDoc,
  ...modules.flatMap((m) => m.api?.docs(config) ?? []),
  openApiDoc,
];

/** GET /api/openapi.json: built once, from the same schemas that validate the requests. */
export function openApiRoutes(
  router: Router<ApiState>,
  { config }: ApiDeps,
  modules: readonly KelianModule[],
): void {
  const document = openApiDocument(apiDocs(config, modules), packageJson.version);
  router.get('/openapi.json', (ctx) => {
    ctx.body = document;
  });
}
