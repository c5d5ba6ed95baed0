import { z } from 'zod';
import type { RouteDoc } from './route-doc.js';

// RouteDocs → an OpenAPI 3.1 document. OpenAPI 3.1 schemas are JSON Schema 2020-12, which is what
// zod's own z.toJSONSchema writes: requests are described as they arrive (io: 'input', before
// defaults and transforms), answers as they leave (io: 'output').

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

/** `/customers/:id` → `/api/customers/{id}` */
export const openApiPath = (path: string) => `/api${path.replace(/:(\w+)/g, '{$1}')}`;

function parameters(where: 'path' | 'query', schema: z.ZodType | undefined) {
  if (!schema) return [];
  const { properties = {}, required = [] } = jsonSchema(schema, 'input') as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(properties).map(([name, { description, ...property }]) => ({
    name,
    in: where,
    required: where === 'path' || required.includes(name),
    ...(description === undefined ? {} : { description }),
    schema: property,
  }));
}

function operation(doc: RouteDoc) {
  return {
    operationId: `${doc.method}${openApiPath(doc.path).replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string = '') => c.toUpperCase())}`,
    summary: doc.summary,
    ...(doc.description ? { description: doc.description } : {}),
    tags: [doc.tag],
    security: doc.signedIn ? [{ bearer: [] }] : [],
    parameters: [...parameters('path', doc.params), ...parameters('query', doc.query)],
    ...(doc.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(doc.body, 'input') } },
          },
        }
      : {}),
    responses: Object.fromEntries(
      Object.entries(doc.answers).map(([status, answer]) => [
        status,
        {
          description: answer.description,
          ...(answer.schema
            ? {
                content: {
                  [answer.problem ? 'application/problem+json' : 'application/json']: {
                    schema: jsonSchema(answer.schema, 'output'),
                  },
                },
              }
            : {}),
        },
      ]),
    ),
  };
}

export function openApiDocument(docs: RouteDoc[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const doc of docs) {
    const path = openApiPath(doc.path);
    paths[path] = { ...paths[path], [doc.method]: operation(doc) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: '客联 Kelian API',
      version,
      description: '小程序与集成使用的 REST 接口。出错时答复 application/problem+json。',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: '登录接口返回的 token' },
      },
    },
    paths,
  };
}
