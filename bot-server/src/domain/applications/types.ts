import { type ApplicationField, type ApplicationType, ApplicationTypeSchema, UserSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { NotVisibleError, RefusedError } from '../access/errors.js';
import { mayAdminister, requireAdministration, requireRight } from '../access/policy.js';
import { audit } from '../audit/audit.js';
import { applicationDocType } from './codes.js';

// The document types an administrator keeps (信用额度申请, 试用申请 …): a name, a mark, a form of
// fields. A type's flow is edited on the flows page like any other; retiring a type (inactive)
// stops new applications and leaves the running ones be.

export interface TypeInput {
  name: string;
  icon: string | null;
  color: string | null;
  fields: ApplicationField[];
  active: boolean;
}

/** Keys unique, each choice field with options, and no option twice. */
function checkFields(fields: readonly ApplicationField[]): ApplicationField[] {
  const keys = new Set<string>();
  for (const field of fields) {
    if (keys.has(field.key)) throw new RefusedError('application-type-field-duplicate', { field: field.key });
    keys.add(field.key);
    const options = field.options ?? [];
    if (field.kind === 'choice' && options.length === 0)
      throw new RefusedError('application-type-choice-empty', { label: field.label });
    if (new Set(options).size !== options.length)
      throw new RefusedError('application-type-choice-duplicate', { label: field.label });
  }
  return fields.map(({ options, ...field }) =>
    field.kind === 'choice' ? { ...field, options: options ?? [] } : field,
  );
}

async function requireFreeName(em: EntityManager, name: string, except?: number): Promise<void> {
  const taken = await em.findOne(ApplicationTypeSchema, { name }, { fields: ['id'] });
  if (taken && taken.id !== except) throw new RefusedError('application-type-name-taken', { name });
}

export function createType(em: EntityManager, acting: Acting, input: TypeInput): Promise<ApplicationType> {
  requireAdministration(acting, 'applicationTypes');
  const fields = checkFields(input.fields);
  return em.transactional(async (tx) => {
    await requireFreeName(tx, input.name);
    const type = tx.create(ApplicationTypeSchema, {
      ...input,
      fields,
      createdBy: tx.getReference(UserSchema, acting.user.id),
    });
    await tx.flush();
    audit(tx, acting, {
      action: 'create',
      objectType: 'application_type',
      objectId: type.id,
      changes: { name: { before: null, after: type.name }, fields: { before: null, after: fields } },
    });
    return type;
  });
}

export function updateType(
  em: EntityManager,
  acting: Acting,
  id: number,
  input: TypeInput,
): Promise<ApplicationType> {
  requireAdministration(acting, 'applicationTypes');
  const fields = checkFields(input.fields);
  return em.transactional(async (tx) => {
    const type = await tx.findOne(ApplicationTypeSchema, id);
    if (!type) throw new NotVisibleError('applicationType');
    if (type.purpose) throw new RefusedError('application-type-builtin', { name: type.name });
    await requireFreeName(tx, input.name, id);
    const before = { name: type.name, fields: type.fields, active: type.active };
    Object.assign(type, { ...input, fields });
    audit(tx, acting, {
      action: 'update',
      objectType: 'application_type',
      objectId: id,
      changes: {
        name: { before: before.name, after: type.name },
        fields: { before: before.fields, after: fields },
        active: { before: before.active, after: type.active },
      },
    });
    return type;
  });
}

/**
 * The types: an administrator sees every one, the people who may apply the ones taking
 * applications (新建申请 offers them; Kelian's own, 阶段审批, is asked for by a move, not here).
 */
export function listTypes(em: EntityManager, acting: Acting): Promise<ApplicationType[]> {
  if (mayAdminister(acting.access)) return em.find(ApplicationTypeSchema, {}, { orderBy: { id: 'asc' } });
  requireRight(acting.access, 'application', 'edit');
  return em.find(ApplicationTypeSchema, { active: true, purpose: null }, { orderBy: { id: 'asc' } });
}

/** The approval-document codes of every type, for the flows page (a retired type keeps its flow). */
export async function applicationDocTypes(em: EntityManager): Promise<string[]> {
  const types = await em.find(ApplicationTypeSchema, {}, { fields: ['id'], orderBy: { id: 'asc' } });
  return types.map((t) => applicationDocType(t.id));
}
