import type { z } from 'zod';

// What the OpenAPI document says about one route. Request parts are the very schemas the route
// validates with; answers are described by schemas the tests check real answers against.

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface Answer {
  description: string;
  /** The JSON body; none for 204 and redirects. */
  schema?: z.ZodType;
  /** application/problem+json instead of JSON. */
  problem?: boolean;
}

export interface RouteDoc {
  method: Method;
  /** Under /api, in the router's own syntax: `/customers/:id`. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /** Needs `Authorization: Bearer <token>`. */
  signedIn: boolean;
  params?: z.ZodObject;
  query?: z.ZodType;
  body?: z.ZodType;
  answers: Record<number, Answer>;
}
