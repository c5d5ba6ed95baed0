// GET /api/openapi.json: an OpenAPI 3.1 document of every route the API mounts, built from the
// schemas that validate the requests; real answers match the answers it describes.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditPage } from '../../src/api/audit/docs.js';
import { customerPage, customerView } from '../../src/api/customers/responses.js';
import { apiRouter } from '../../src/api/index.js';
import { contractConfig, contractDocument } from '../../src/api/openapi/contract.js';
import { type Crm, startCrm } from './customers-support.js';

let crm: Crm;
// biome-ignore lint/suspicious/noExplicitAny: the document is read as plain JSON
let doc: any;

beforeAll(async () => {
  crm = await startCrm();
  const res = await crm.api('/api/openapi.json');
  expect(res.status).toBe(200);
  doc = res.body;
});
afterAll(() => crm.stop());

interface Operation {
  summary: string;
  security: Record<string, unknown>[];
  parameters: { name: string; in: string; schema: unknown }[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, { content?: Record<string, unknown> }>;
}

/** What the API router mounts, as OpenAPI "METHOD /path" strings (HEAD comes with GET). */
function mountedRoutes(sandbox: boolean): string[] {
  const router = apiRouter({
    config: { ...contractConfig, sandbox },
    orm: {} as never,
    platforms: {} as never,
    notifier: {} as never,
    messenger: {} as never,
    tagMirror: {} as never,
    approvalTodos: {} as never,
    queue: {} as never,
  });
  return router.stack.flatMap((layer) =>
    layer.methods
      .filter((m) => m !== 'HEAD')
      .map((m) => `${m} ${String(layer.path).replace(/:(\w+)/g, '{$1}')}`),
  );
}

const documented = (): string[] =>
  Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.keys(operations as object).map((method) => `${method.toUpperCase()} ${path}`),
  );

describe('the document', () => {
  test('is OpenAPI 3.1 with the bearer scheme, needs no session and is not cached', async () => {
    expect(doc).toMatchObject({
      openapi: '3.1.0',
      info: { title: expect.any(String), version: expect.stringMatching(/^\d+\.\d+\.\d+/) },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    });
    expect((await crm.api('/api/openapi.json')).headers.get('cache-control')).toBe('no-store');
  });

  test("is the mini-app's contract (miniapp/contract/, npm run api:types)", () => {
    expect(doc).toEqual(JSON.parse(JSON.stringify(contractDocument())));
  });

  test('describes exactly the routes the API mounts', () => {
    const mounted = mountedRoutes(true);
    expect(mounted).toEqual(
      expect.arrayContaining([
        'POST /api/auth/wecom',
        'GET /api/me',
        'GET /api/jssdk/dingtalk/config',
        'GET /api/customers',
        'POST /api/customers/{id}/reveal',
        'GET /api/audit',
        'GET /api/openapi.json',
      ]),
    );
    expect(documented().sort()).toEqual([...new Set(mounted)].sort());
  });

  test('every operation is complete: summary, answers, declared path parameters, JSON Schema bodies', () => {
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(operations as Record<string, Operation>)) {
        const where = `${method} ${path}`;
        expect(op.summary, where).toEqual(expect.any(String));
        expect(Object.keys(op.responses).length, where).toBeGreaterThan(0);
        for (const security of op.security) expect(Object.keys(security), where).toEqual(['bearer']);
        const pathParams = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        const declared = op.parameters.filter((p: { in: string }) => p.in === 'path');
        expect(
          declared.map((p: { name: string }) => p.name),
          where,
        ).toEqual(pathParams);
        for (const p of op.parameters) expect(p.schema, `${where} ${p.name}`).toEqual(expect.any(Object));
        if (op.requestBody) {
          const schema = op.requestBody.content['application/json']!.schema;
          expect(schema.type, where).toBe('object');
          expect(schema).not.toHaveProperty('$schema');
        }
        for (const [status, answer] of Object.entries(op.responses)) {
          if (Number(status) >= 400)
            expect(Object.keys(answer.content ?? {}), `${where} ${status}`).toEqual([
              'application/problem+json',
            ]);
        }
      }
    }
  });

  test('request schemas are the validating ones: what the document requires, the server requires', () => {
    const create = doc.paths['/api/customers'].post.requestBody.content['application/json'].schema;
    expect(create.required).toEqual(['kind', 'name']);
    expect(create.additionalProperties).toBe(false);
    expect(create.properties.contacts.items.properties.mobile.anyOf[0].pattern).toBe('^1[3-9]\\d{9}$');
    const list = doc.paths['/api/customers'].get.parameters.map((p: { name: string }) => p.name);
    expect(list).toEqual([
      'q',
      'owner',
      'tags',
      'stage',
      'level',
      'region',
      'cf',
      'deleted',
      'sort',
      'limit',
      'cursor',
    ]);
    const followUp =
      doc.paths['/api/customers/{id}/follow-ups'].post.requestBody.content['application/json'].schema;
    expect(followUp.properties.kind.enum).toEqual(['call', 'visit', 'wechat', 'email', 'meeting']);
  });
});

describe('answers match the document', () => {
  test('the customer list, the 360° view and the audit log', async () => {
    const zhangWei = await crm.as('张伟');
    const page = await zhangWei.get('/api/customers?limit=5');
    expect(customerPage.safeParse(page.body).error).toBeUndefined();
    const id = page.body.items.find((c: { owner: unknown }) => c.owner !== null).id;
    const view = await zhangWei.get(`/api/customers/${id}`);
    expect(customerView.safeParse(view.body).error).toBeUndefined();
    const masked = await (await crm.as('朱丽')).get(`/api/customers/${id}`);
    expect(customerView.safeParse(masked.body).error).toBeUndefined();
    await (await crm.as('朱丽')).send('POST', `/api/customers/${id}/reveal`, { field: 'phone' });
    const audit = await (await crm.as('徐明')).get('/api/audit');
    expect(audit.body.items.length).toBeGreaterThan(0);
    expect(auditPage.safeParse(audit.body).error).toBeUndefined();
  });
});
