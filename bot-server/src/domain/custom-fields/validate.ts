import { type CustomFieldDefinition, CustomFieldDefinitionSchema, type CustomFieldObject } from '@kelian/orm';
import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import { InvalidInputError } from '../errors.js';

// Custom field values against the admin's definitions. A key with a definition must hold a value of
// its type (select values among its options); a required one must be given on create and may not
// be removed. Keys without a definition stay free-form, as they were before definitions existed.

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/** Throws InvalidInputError (field `customFields.<key>`) at the first value that does not fit. */
export async function refuseInvalidCustomFields(
  em: EntityManager,
  object: CustomFieldObject,
  values: Record<string, unknown>,
  { creating }: { creating: boolean },
): Promise<void> {
  const definitions = await em.find(
    CustomFieldDefinitionSchema,
    { object },
    // FOR SHARE until the write commits: a type change waits for it and then counts its values.
    { orderBy: { position: 'asc' }, lockMode: LockMode.PESSIMISTIC_READ },
  );
  for (const definition of definitions) {
    const field = `customFields.${definition.key}`;
    const given = Object.hasOwn(values, definition.key);
    const value = values[definition.key];
    if (value === null || value === undefined || value === '') {
      if (definition.required && (creating || given))
        throw new InvalidInputError(field, `「${definition.label}」是必填项`);
      continue;
    }
    const problem = problemOf(definition, value);
    if (problem) throw new InvalidInputError(field, problem);
  }
}

function problemOf(d: CustomFieldDefinition, value: unknown): string | undefined {
  const options = d.options as string[];
  switch (d.type) {
    case 'text':
      return typeof value === 'string' ? undefined : `「${d.label}」应为文字`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : `「${d.label}」应为数字`;
    case 'date':
      return typeof value === 'string' &&
        datePattern.test(value) &&
        !Number.isNaN(Date.parse(`${value}T00:00:00Z`))
        ? undefined
        : `「${d.label}」应为日期，格式 YYYY-MM-DD`;
    case 'select':
      return typeof value === 'string' && options.includes(value)
        ? undefined
        : `「${d.label}」只能是：${options.join('、')}`;
    case 'multi_select':
      return Array.isArray(value) && value.every((v) => typeof v === 'string' && options.includes(v))
        ? undefined
        : `「${d.label}」只能从这些选项中选：${options.join('、')}`;
  }
}
