// `npm run api:types`: writes the server's OpenAPI document and the mini-app's types generated from
// it (miniapp/contract/). Run it after changing a route's schemas; the contract test says when.
import { writeFileSync } from 'node:fs';
import { apiTypes, documentPath, documentText, typesPath } from '../../miniapp/scripts/api-types.mjs';
import { contractDocument } from '../src/api/openapi/contract.js';

const document = contractDocument();
writeFileSync(documentPath, documentText(document));
writeFileSync(typesPath, await apiTypes(document));
console.log(`wrote ${documentPath} and ${typesPath}`);
