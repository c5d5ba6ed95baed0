import { defineEntity, type InferEntity, p, t } from '@mikro-orm/core';
import { ContractSchema } from './contract.js';
import { UserSchema } from './user.js';

/** The largest scan a contract takes: 20 MB. */
export const CONTRACT_ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;
/** The bytes of one stored piece of a scan. */
export const CONTRACT_ATTACHMENT_CHUNK_BYTES = 1024 * 1024;

// A contract's scan (signed pages, stamps), kept in the database beside its contract, so every
// instance of the server sees it, a backup holds it, and deleting the contract deletes it (no
// orphaned files, no second store to run). Large objects would need lo_unlink bookkeeping and an
// API of their own; bytea needs neither. The bytes are stored in pieces of 1 MB
// (ContractAttachmentChunk): one 20 MB value is one 20 MB protocol message, which the embedded
// database's socket buffers in time that grows with the square of its size (measured: 1 MB 0.1 s,
// 5 MB 2.4 s, 20 MB 12.4 s), while twenty 1 MB pieces take about 2 s; PostgreSQL does not mind.
export const ContractAttachmentSchema = defineEntity({
  name: 'ContractAttachment',
  properties: {
    id: p.integer().primary().autoincrement(),
    contract: p.manyToOne(ContractSchema).deleteRule('cascade'),
    fileName: p.string().length(255),
    contentType: p.string().length(100),
    sizeBytes: p.integer(),
    uploadedBy: p.manyToOne(UserSchema).nullable().deleteRule('set null'),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  indexes: [{ properties: ['contract', 'id'] }],
});

export type ContractAttachment = InferEntity<typeof ContractAttachmentSchema>;

/** Piece `seq` (from 0) of an attachment's bytes. */
export const ContractAttachmentChunkSchema = defineEntity({
  name: 'ContractAttachmentChunk',
  properties: {
    attachment: p.manyToOne(ContractAttachmentSchema).primary().deleteRule('cascade'),
    seq: p.integer().primary(),
    data: p.type(t.blob),
  },
});

export type ContractAttachmentChunk = InferEntity<typeof ContractAttachmentChunkSchema>;
