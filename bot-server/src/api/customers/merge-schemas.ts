import { z } from 'zod';
import { customerSummary } from './responses.js';
import { recordId } from './schemas.js';

export const mergeBody = z.object({
  intoId: recordId('请提供要合并到的客户编号（正整数）').meta({
    description: '保留的客户；当前客户合并进它后移入回收站',
  }),
});

export const duplicatePage = z.object({
  items: z.array(
    customerSummary.extend({
      match: z
        .enum(['name', 'creditCode', 'mobile'])
        .meta({ description: '相同的公司名、统一社会信用代码或手机号' }),
    }),
  ),
});
