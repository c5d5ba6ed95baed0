/** miniapp/contract/openapi.json: the server's OpenAPI document as committed. */
export const documentPath: string;
/** miniapp/contract/api.d.ts: its generated TypeScript types. */
export const typesPath: string;
/** The document as committed: stable two-space JSON. */
export function documentText(document: object): string;
/** The TypeScript types of `document`. */
export function apiTypes(document: object): Promise<string>;
