import { z } from 'zod';

export const usersQuery = z.object({
  q: z
    .string({ error: '搜索词应为文字' })
    .trim()
    .min(1, '搜索词不能为空')
    .max(50, '搜索词不能超过 50 个字')
    .optional()
    .meta({ description: '按姓名搜索' }),
});
