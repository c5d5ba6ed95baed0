// The mini-app is typed against miniapp/contract/: the server's OpenAPI document and the types
// openapi-typescript makes of it. Both are committed, so a schema change that is not carried over
// (`npm run api:types`) fails here instead of surfacing as a page reading a field that is gone.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { apiTypes, documentPath, documentText, typesPath } from '../../../miniapp/scripts/api-types.mjs';
import { contractDocument } from '../../src/api/openapi/contract.js';

const stale = 'is stale: run `npm run api:types` and commit miniapp/contract/';

test("the committed document is the server's current one", () => {
  expect(readFileSync(documentPath, 'utf8'), `miniapp/contract/openapi.json ${stale}`).toBe(
    documentText(contractDocument()),
  );
});

test('the committed types are generated from it', async () => {
  expect(readFileSync(typesPath, 'utf8'), `miniapp/contract/api.d.ts ${stale}`).toBe(
    await apiTypes(contractDocument()),
  );
}, 30_000);
