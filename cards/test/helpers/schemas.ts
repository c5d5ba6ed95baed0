import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

const SCHEMA_DIR = join(import.meta.dirname, '..', '..', 'schemas');
const BASE = 'https://kelian.dev/schemas/';

// Unknown keywords still fail (strictSchema); strictTypes is off because the if/then branches test
// one property without restating its type.
const ajv = new Ajv2020({ allErrors: true, strictTypes: false });
for (const file of readdirSync(SCHEMA_DIR)) {
  ajv.addSchema(JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')));
}

export type SchemaName =
  | 'wecom-template-card'
  | 'wecom-update-template-card'
  | 'dingtalk-create-and-deliver'
  | 'dingtalk-update-card'
  | 'dingtalk-card-param-map'
  | 'dingtalk-action-card';

export function validator(name: SchemaName, fragment = ''): ValidateFunction {
  const validate = ajv.getSchema(`${BASE}${name}.schema.json${fragment}`);
  if (!validate) throw new Error(`schema ${name}${fragment} not found`);
  return validate;
}

/** The ajv errors of `value` against a schema, `[]` when valid; tests compare with `[]` to show them. */
export function schemaErrors(name: SchemaName, value: unknown, fragment = ''): string[] {
  const validate = validator(name, fragment);
  if (validate(value)) return [];
  return (validate.errors ?? []).map(
    (e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
  );
}
