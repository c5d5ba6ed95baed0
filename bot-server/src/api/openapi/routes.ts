import type Router from '@koa/router';
import packageJson from '../../../package.json' with { type: 'json' };
import { auditDocs } from '../audit/docs.js';
import { authOptionsDoc } from '../auth/options.js';
import { customFieldsDocs } from '../custom-fields/docs.js';
import { customersDocs } from '../customers/docs.js';
import { externalCustomersDocs } from '../customers/external-docs.js';
import { mergeCustomersDocs } from '../customers/merge-docs.js';
import type { ApiDeps, ApiState } from '../deps.js';
import { followUpsDocs } from '../followups/docs.js';
import { leadsDocs } from '../leads/docs.js';
import { assignmentRulesDocs } from '../leads/rules-docs.js';
import { salesDocs } from '../sales/docs.js';
import { tagsDocs } from '../tags/docs.js';
import { usersDocs } from '../users/docs.js';
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
export const apiDocs = (config: ApiDeps['config']): RouteDoc[] => [
  ...sessionDocs(config),
  authOptionsDoc,
  ...customersDocs,
  ...externalCustomersDocs,
  ...mergeCustomersDocs,
  ...customFieldsDocs,
  ...leadsDocs,
  ...assignmentRulesDocs,
  ...followUpsDocs,
  ...auditDocs,
  ...salesDocs,
  ...usersDocs,
  ...tagsDocs,
  openApiDoc,
];

/** GET /api/openapi.json: built once, from the same schemas that validate the requests. */
export function openApiRoutes(router: Router<ApiState>, { config }: ApiDeps): void {
  const document = openApiDocument(apiDocs(config), packageJson.version);
  router.get('/openapi.json', (ctx) => {
    ctx.body = document;
  });
}
