import {
  CONTRACT_ATTACHMENT_CHUNK_BYTES,
  type ContractAttachment,
  ContractAttachmentChunkSchema,
  ContractAttachmentSchema,
  UserSchema,
} from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Access } from '../access/access.js';
import type { Acting } from '../access/acting.js';
import { NotVisibleError, RefusedError } from '../access/errors.js';
import { audit } from '../audit/audit.js';
import { contractFor } from './store.js';

// A contract's scans: whoever sees the contract lists and downloads them, whoever may change it adds
// and removes them, in any state (scans come after signing, often after approval). The stored type
// comes from the file's extension, never from what the uploader claims, and is served with
// `attachment` disposition: an upload cannot become a page in our origin. The size limit is the
// request reader's (api/contracts/attachment-routes.ts): a body is refused before it is kept. The
// bytes go in 1 MB pieces (entities/contract-attachment.ts says why), all in the row's transaction.

export interface Upload {
  fileName: string;
  content: Buffer;
}

const types: Record<string, string> = {
  pdf: 'application/pdf',
  ofd: 'application/ofd',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
};

/** The content type a file name stands for (application/octet-stream when unknown). */
export const contentTypeOf = (fileName: string): string =>
  types[/\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? ''] ?? 'application/octet-stream';

/** The name as shown: no folders (a phone may send a path), trimmed. */
const baseName = (fileName: string) => fileName.split(/[\\/]/).pop()?.trim() ?? '';

export async function listAttachments(em: EntityManager, access: Access, contractId: number) {
  await contractFor(em, access, contractId);
  return em.find(
    ContractAttachmentSchema,
    { contract: contractId },
    { orderBy: { id: 'desc' }, populate: ['uploadedBy'] },
  );
}

export function addAttachment(
  em: EntityManager,
  acting: Acting,
  contractId: number,
  upload: Upload,
): Promise<ContractAttachment> {
  const fileName = baseName(upload.fileName);
  if (fileName === '' || fileName.length > 255) throw new RefusedError('attachment-name-invalid');
  if (upload.content.length === 0) throw new RefusedError('attachment-empty');
  return em.transactional(async (tx) => {
    const contract = await contractFor(tx, acting.access, contractId, 'change');
    const attachment = tx.create(ContractAttachmentSchema, {
      contract,
      fileName,
      contentType: contentTypeOf(fileName),
      sizeBytes: upload.content.length,
      uploadedBy: tx.getReference(UserSchema, acting.user.id),
    });
    await tx.flush();
    // One statement per piece: no protocol message carries more than a piece.
    for (let seq = 0; seq * CONTRACT_ATTACHMENT_CHUNK_BYTES < upload.content.length; seq++) {
      const start = seq * CONTRACT_ATTACHMENT_CHUNK_BYTES;
      await tx.insert(ContractAttachmentChunkSchema, {
        attachment: attachment.id,
        seq,
        data: upload.content.subarray(start, start + CONTRACT_ATTACHMENT_CHUNK_BYTES),
      });
    }
    audit(tx, acting, {
      action: 'create',
      objectType: 'contractAttachment',
      objectId: attachment.id,
      changes: { contract: { before: null, after: contractId }, fileName: { before: null, after: fileName } },
    });
    await tx.flush();
    return attachment;
  });
}

/** One attachment and its bytes, when its contract is visible to `access`. */
export async function attachmentFile(
  em: EntityManager,
  access: Access,
  contractId: number,
  attachmentId: number,
): Promise<{ attachment: ContractAttachment; content: Buffer }> {
  await contractFor(em, access, contractId);
  const attachment = await em.findOne(ContractAttachmentSchema, { id: attachmentId, contract: contractId });
  if (!attachment) throw new NotVisibleError('contractAttachment');
  const chunks = await em.find(
    ContractAttachmentChunkSchema,
    { attachment: attachmentId },
    { orderBy: { seq: 'asc' } },
  );
  return { attachment, content: Buffer.concat(chunks.map((c) => c.data)) };
}

export function deleteAttachment(
  em: EntityManager,
  acting: Acting,
  contractId: number,
  attachmentId: number,
) {
  return em.transactional(async (tx) => {
    await contractFor(tx, acting.access, contractId, 'change');
    const attachment = await tx.findOne(ContractAttachmentSchema, { id: attachmentId, contract: contractId });
    if (!attachment) throw new NotVisibleError('contractAttachment');
    tx.remove(attachment);
    audit(tx, acting, {
      action: 'delete',
      objectType: 'contractAttachment',
      objectId: attachmentId,
      changes: {
        contract: { before: contractId, after: null },
        fileName: { before: attachment.fileName, after: null },
      },
    });
    await tx.flush();
  });
}
