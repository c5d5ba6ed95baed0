import { Migration20261123152303 } from './Migration20261123152303.js';

// The static list of migrations, in order. `npm run migration:create` appends to it;
// a test fails when this list and the files in this folder differ.
export const migrationsList = [{ name: 'Migration20261123152303', class: Migration20261123152303 }];
