import type { paths } from '../../contract/api';

// The server's API as its OpenAPI document types it (miniapp/contract/, `npm run api:types`): the
// services name their shapes from here, so a change of a server schema is a type error in the
// mini-app instead of a page that silently reads a field that is gone. Types only: nothing here
// reaches the bundle.

type ApiPath = keyof paths;
type Verb<P extends ApiPath> = {
  [M in keyof paths[P]]-?: NonNullable<paths[P][M]> extends { responses: unknown } ? M : never;
}[keyof paths[P]];
type Operation<P extends ApiPath, M extends Verb<P>> = NonNullable<paths[P][M]>;
type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;
type ProblemJson<T> = T extends { content: { 'application/problem+json': infer Body } } ? Body : never;
type Responses<P extends ApiPath, M extends Verb<P>> =
  Operation<P, M> extends { responses: infer R } ? R : never;
type Reply<P extends ApiPath, M extends Verb<P>, S extends number> = S extends keyof Responses<P, M>
  ? Responses<P, M>[S]
  : never;

/** The JSON `METHOD path` answers with `status` (200 unless said). */
export type Answer<P extends ApiPath, M extends Verb<P>, S extends number = 200> = Json<Reply<P, M, S>>;

/** The problem details (application/problem+json) `METHOD path` answers with `status`. */
export type Problem<P extends ApiPath, M extends Verb<P>, S extends number> = ProblemJson<Reply<P, M, S>>;

/** The JSON body `METHOD path` takes. */
export type Body<P extends ApiPath, M extends Verb<P>> =
  Operation<P, M> extends {
    requestBody?: infer B;
  }
    ? Json<NonNullable<B>>
    : never;

/** The query parameters `METHOD path` takes. */
export type Query<P extends ApiPath, M extends Verb<P>> =
  Operation<P, M> extends {
    parameters: { query?: infer Q };
  }
    ? NonNullable<Q>
    : never;

/** A page of a list route: its items and the cursor of the next page (null on the last). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
