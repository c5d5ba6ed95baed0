import type { EntityManager } from '@mikro-orm/postgresql';
import { RefusedError } from '../access/errors.js';
import { applicationDocument } from '../applications/document.js';
import type { ApprovableDocument } from './document.js';
import { documentType, documentTypes } from './document-types.js';

// Any document type a flow can be set for: the ones written in code (document-types.ts) and the
// ones an administrator named (`application:<id>`, read from the database when asked).

export async function documentTypeOf(em: EntityManager, code: string): Promise<ApprovableDocument> {
  if (Object.hasOwn(documentTypes, code)) return documentType(code);
  const named = await applicationDocument(em, code);
  if (!named) throw new RefusedError('flow-doc-type-unknown', { docType: code });
  return named;
}
