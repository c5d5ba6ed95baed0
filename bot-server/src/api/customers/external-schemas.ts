import { z } from 'zod';

// The chat sidebar's questions about a WeCom external contact (客户联系).

const externalUserIdSchema = z
  .string({ error: '请提供外部联系人 ID' })
  .trim()
  .min(1, '请提供外部联系人 ID')
  .max(64, '外部联系人 ID 最长 64 个字符')
  .meta({
    description: '企业微信外部联系人 ID（external_userid），例如侧边栏 getCurExternalContact 的 userId',
  });

export const externalUserIdParam = z.object({ externalUserId: externalUserIdSchema });

export const fromExternalBody = z.object({ externalUserId: externalUserIdSchema });
