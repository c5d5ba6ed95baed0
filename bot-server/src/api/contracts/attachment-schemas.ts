import { z } from 'zod';
import { idParam } from '../customers/schemas.js';
import { person, timestamp } from '../openapi/common.js';

export const attachmentParams = z.object({
  id: idParam('合同编号应为正整数'),
  attachmentId: idParam('附件编号应为正整数'),
});

export const uploadQuery = z.object({
  name: z
    .string({ error: '请提供附件的文件名（?name=）' })
    .meta({ description: '文件名（含扩展名，决定保存的文件类型），如 合同扫描件.pdf' }),
});

export const attachmentJson = z.object({
  id: z.int(),
  contractId: z.int(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.int(),
  uploadedBy: person.nullable(),
  createdAt: timestamp,
});

export const attachmentList = z.object({ items: z.array(attachmentJson) });
