import { type ContractAttachment, ContractAttachmentSchema } from '@kelian/orm';
import { personOf, rowSource } from './source.js';

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** A scan added to one of the customer's contracts (removing it is in the audit log). */
export const contractAttachmentsSource = rowSource<ContractAttachment>({
  name: 'contract_attachment',
  entity: ContractAttachmentSchema,
  column: 'created_at',
  where: ({ customer }) => ({ contract: { customer: customer.id, deletedAt: null } }),
  populate: ['contract', 'uploadedBy'],
  entry: (attachment) => ({
    at: attachment.createdAt,
    type: 'contract',
    title: `上传合同附件：${attachment.fileName}`,
    body: `合同「${attachment.contract.name}」· ${megabytes(attachment.sizeBytes)}`,
    by: personOf(attachment.uploadedBy),
  }),
});
